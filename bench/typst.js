// typst.js IN.typ OUT.pdf [STANDARD]: compiles one Typst file to PDF with Typst's node compiler
// (@myriaddreamin/typst-ts-node-compiler, installed by bench/pdf.sh into TYPST_NODE_DIR) and the system's
// Noto CJK fonts (fonts-noto-cjk) plus HanaMin (fonts-hanazono) for rare characters, as docexport's default
// font set has. STANDARD (e.g. ua-1, a-2u) is Typst's PDF standard; without it Typst's default PDF (what the
// benchmark measures). Exits 1 with Typst's diagnostics if the document has errors.
const fs = require('fs');
const path = require('path');
const dir = process.env.TYPST_NODE_DIR || path.join(__dirname, '.typst');
const { NodeCompiler } = require(path.join(dir, 'node_modules/@myriaddreamin/typst-ts-node-compiler'));
const [input, output, standard] = process.argv.slice(2);
if (!input || !output) { console.error('usage: typst.js IN.typ OUT.pdf [STANDARD]'); process.exit(2); }
const fontPaths = ['/usr/share/fonts/opentype/noto', '/usr/share/fonts/truetype/hanazono'].filter(fs.existsSync);
const compiler = NodeCompiler.create({ workspace: path.dirname(path.resolve(input)), fontArgs: [{ fontPaths }] });
const result = compiler.compile({ mainFilePath: path.resolve(input) });
if (result.hasError()) { result.printErrors(); process.exit(1); }
fs.writeFileSync(output, standard ? compiler.pdf(result.result, { pdfStandard: standard }) : compiler.pdf(result.result));
