// Runs EPUBCheck (the Debian package's jar) on several EPUBs in one JVM, because one epubcheck start costs
// seconds. Every message counts, down to usage level, except two usage messages that any EPUB with embedded
// fonts and an EPUB 2 table of contents gets and that say nothing is wrong:
//   CSS-028 "Use of Font-face declaration" (the issue asks for embedded fonts), and
//   HTM-010 on toc.ncx (EPUBCheck 4.2 reports the NCX namespace as unused; toc.ncx is for EPUB 2 readers),
//   HTM-005 "An external reference was found" (a link to the web, which a book may hold), and
//   HTM-006 "An XHTML Named Entity was found" (&lt; and &amp;, the XML escapes of text that holds < or &),
// and OPF-058/OPF-059 for a continuation file of a section split by the size budget (spine id "c-sNNNN-K",
// K >= 2) that holds no heading: it has no place of its own in a table of contents.
// Run as a single-file program:
//   java -cp /usr/share/java/epubcheck.jar tests/validate/EpubCheckBatch.java A.epub B.epub ...
// Prints every message and one summary line per file; exits 1 when any file has a counted message.
import com.adobe.epubcheck.api.EPUBLocation;
import com.adobe.epubcheck.api.EpubCheck;
import com.adobe.epubcheck.messages.Message;
import com.adobe.epubcheck.util.DefaultReportImpl;
import com.adobe.epubcheck.util.ReportingLevel;
import java.io.File;

public class EpubCheckBatch {
    static class Report extends DefaultReportImpl {
        int counted = 0;
        int allowed = 0;

        Report(String name) { super(name); }

        @Override
        public void message(Message message, EPUBLocation location, Object... args) {
            String id = message.getID().toString().replace('_', '-');
            String path = location == null || location.getPath() == null ? "" : location.getPath();
            boolean known = id.equals("CSS-028") || (id.equals("HTM-010") && path.endsWith("toc.ncx"))
                || id.equals("HTM-005") || id.equals("HTM-006")
                || ((id.equals("OPF-058") || id.equals("OPF-059"))
                    && message.getMessage(args).matches("(?s).*\"c-s\\d+-([2-9]|\\d{2,})\".*"));
            if (known) allowed++; else counted++;
            super.message(message, location, args);
        }
    }

    public static void main(String[] args) {
        int failed = 0;
        for (String path : args) {
            Report report = new Report(path);
            report.setReportingLevel(ReportingLevel.Usage);
            new EpubCheck(new File(path), report).doValidate();
            boolean clean = report.counted == 0;
            if (!clean) failed++;
            System.out.println((clean ? "ok   " : "FAIL ") + path + ": " + report.getFatalErrorCount() + " fatal, "
                               + report.getErrorCount() + " errors, " + report.getWarningCount() + " warnings, "
                               + report.getInfoCount() + " infos, " + report.getUsageCount() + " usages ("
                               + report.allowed + " known usages allowed)");
        }
        System.exit(failed == 0 ? 0 : 1);
    }
}
