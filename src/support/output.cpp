// Writing output files atomically (the writers' entry points live in their modules).
#include <docexport/writers.hpp>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace docexport {

void write_file_atomically(const std::filesystem::path& path, std::string_view bytes) {
    namespace fs = std::filesystem;
    SourcePos where{path.string(), 0, 0};
    fs::path dir = path.has_parent_path() ? path.parent_path() : fs::path(".");
    std::string name = ".";  // built with append: GCC 12 warns falsely (-Wrestrict) on "." + string
    name.append(path.filename().string()).append(".XXXXXX");
    std::string tmpl = (dir / name).string();
    int fd = ::mkstemp(tmpl.data());
    if (fd < 0)
        throw Error(ErrorCode::output, std::string("cannot create the output: ") + std::strerror(errno), where,
                    {"check that the directory exists and is writable"});
    auto fail = [&](const char* what) {
        int e = errno;
        ::close(fd);
        ::unlink(tmpl.c_str());
        throw Error(ErrorCode::output, std::string(what) + std::strerror(e), where);
    };
    const char* p = bytes.data();
    std::size_t left = bytes.size();
    while (left > 0) {
        ssize_t n = ::write(fd, p, left);
        if (n < 0) {
            if (errno == EINTR) continue;
            fail("cannot write the output: ");
        }
        p += n;
        left -= static_cast<std::size_t>(n);
    }
    // mkstemp creates 0600; give the file the mode a plain open() would (0666 less the umask).
    mode_t mask = ::umask(0);
    ::umask(mask);
    if (::fchmod(fd, 0666 & ~mask) != 0) fail("cannot set the output's permissions: ");
    if (::fsync(fd) != 0) fail("cannot flush the output: ");
    if (::close(fd) != 0) {
        ::unlink(tmpl.c_str());
        throw Error(ErrorCode::output, std::string("cannot close the output: ") + std::strerror(errno), where);
    }
    if (::rename(tmpl.c_str(), path.c_str()) != 0) {
        int e = errno;
        ::unlink(tmpl.c_str());
        throw Error(ErrorCode::output, std::string("cannot replace the output: ") + std::strerror(e), where);
    }
}

}  // namespace docexport
