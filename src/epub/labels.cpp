#include "epub/labels.hpp"

#include "style/style.hpp"

namespace docexport::epub {

Labels labels_for(const std::string& language) {
    std::string script = style::script_for_language(language);
    if (script == "hant") return {"目錄", "導覽", "封面", "正文"};
    if (script == "hans") return {"目录", "导览", "封面", "正文"};
    if (script == "jpan") return {"目次", "ランドマーク", "表紙", "本文"};
    return {"Contents", "Landmarks", "Cover", "Start of content"};
}

}  // namespace docexport::epub
