#include "epub/labels.hpp"

#include "style/style.hpp"
#include "writers/write_settings.hpp"

namespace docexport::epub {

Labels labels_for(const std::string& language) {
    std::string script = style::script_for_language(language);
    std::string contents = writers::contents_title(language);
    if (script == "hant") return {contents, "導覽", "封面", "正文"};
    if (script == "hans") return {contents, "导览", "封面", "正文"};
    if (script == "jpan") return {contents, "ランドマーク", "表紙", "本文"};
    return {contents, "Landmarks", "Cover", "Start of content"};
}

}  // namespace docexport::epub
