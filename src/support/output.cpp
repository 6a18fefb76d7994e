// Writing output files: a regular file atomically, through symbolic links, and FIFOs and devices directly (the
// writers' entry points live in their modules).
#include <docexport/writers.hpp>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace docexport {

namespace {

namespace fs = std::filesystem;

// Links followed before giving up, as the kernel does (ELOOP after 40).
constexpr int max_link_hops = 40;

// Writes all of bytes to fd; returns false with errno set on an error other than EINTR.
bool write_all(int fd, std::string_view bytes) {
    const char* p = bytes.data();
    std::size_t left = bytes.size();
    while (left > 0) {
        ssize_t n = ::write(fd, p, left);
        if (n < 0) {
            if (errno == EINTR) continue;
            return false;
        }
        p += n;
        left -= static_cast<std::size_t>(n);
    }
    return true;
}

// Returns what path finally names after following symbolic links (a chain too; a relative link is relative to
// its own directory), or path itself when it is not a link. The result may not exist (a dangling link).
fs::path resolve_links(const fs::path& path, const SourcePos& where) {
    fs::path p = path;
    for (int hops = 0;; ++hops) {
        struct stat st {};
        if (::lstat(p.c_str(), &st) != 0 || !S_ISLNK(st.st_mode)) return p;
        if (hops == max_link_hops)
            throw Error(ErrorCode::output, std::string("cannot follow the output's links: ") + std::strerror(ELOOP), where,
                        {"the symbolic links form a loop or a chain too long to follow"});
        std::error_code ec;
        fs::path target = fs::read_symlink(p, ec);
        if (ec)
            throw Error(ErrorCode::output, "cannot read the output's link: " + ec.message(), where);
        p = target.is_absolute() ? target : p.parent_path() / target;
    }
}

// Writes bytes into the existing non-regular file at path (a FIFO, a character or block device): opened and
// written as it is, never replaced. Opening a FIFO waits for a reader, as a shell's redirection does.
void write_in_place(const fs::path& path, std::string_view bytes, const SourcePos& where) {
    int fd = ::open(path.c_str(), O_WRONLY | O_NOCTTY | O_CLOEXEC);
    if (fd < 0)
        throw Error(ErrorCode::output, std::string("cannot open the output for writing: ") + std::strerror(errno), where,
                    {"it is not a regular file, so it is written in place; check that it accepts writing"});
    if (!write_all(fd, bytes)) {
        int e = errno;
        ::close(fd);
        throw Error(ErrorCode::output, std::string("cannot write the output: ") + std::strerror(e), where);
    }
    if (::close(fd) != 0)
        throw Error(ErrorCode::output, std::string("cannot close the output: ") + std::strerror(errno), where);
}

// Replaces the file at path (or makes it) with what produce gives: a temporary file in the same directory, made
// at the first piece (or at the end when there is none), then rename. Whatever fails, produce included, removes
// the temporary.
void replace_atomically(const fs::path& path, const OutputProducer& produce, const SourcePos& where) {
    fs::path dir = path.has_parent_path() ? path.parent_path() : fs::path(".");
    std::string name = ".";  // built with append: GCC 12 warns falsely (-Wrestrict) on "." + string
    name.append(path.filename().string()).append(".XXXXXX");
    std::string tmpl = (dir / name).string();
    int fd = -1;
    auto open_temporary = [&] {
        fd = ::mkstemp(tmpl.data());
        if (fd < 0)
            throw Error(ErrorCode::output, std::string("cannot create the output: ") + std::strerror(errno), where,
                        {"check that the directory exists and is writable"});
    };
    auto discard = [&] {
        if (fd < 0) return;
        ::close(fd);
        ::unlink(tmpl.c_str());
        fd = -1;
    };
    auto fail = [&](const char* what) {
        int e = errno;
        discard();
        throw Error(ErrorCode::output, std::string(what) + std::strerror(e), where);
    };
    try {
        produce([&](std::string_view piece) {
            if (fd < 0) open_temporary();
            if (!write_all(fd, piece)) fail("cannot write the output: ");
        });
    } catch (...) {
        discard();
        throw;
    }
    if (fd < 0) open_temporary();
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

// Writes what produce gives into the non-regular file at path once produce has given all of it (a failure while
// producing leaves the FIFO or device untouched).
void write_in_place(const fs::path& path, const OutputProducer& produce, const SourcePos& where) {
    std::string bytes;
    produce([&](std::string_view piece) { bytes.append(piece); });
    write_in_place(path, bytes, where);
}

}  // namespace

void write_file_atomically(const std::filesystem::path& path, const OutputProducer& produce) {
    SourcePos where{path.string(), 0, 0};
    struct stat st {};
    if (::stat(path.c_str(), &st) == 0) {  // what path names, through any links
        if (!S_ISREG(st.st_mode) && !S_ISDIR(st.st_mode)) return write_in_place(path, produce, where);
        // A directory stays on the atomic path: the rename fails and the directory is left as it was.
        fs::path target = path;
        if (struct stat lst {}; ::lstat(path.c_str(), &lst) == 0 && S_ISLNK(lst.st_mode)) {
            // Replace the file the link leads to, not the link. realpath also resolves the kernel's magic links
            // (/proc/self/fd/N to a file).
            std::error_code ec;
            target = fs::canonical(path, ec);
            if (ec) throw Error(ErrorCode::output, "cannot follow the output's links: " + ec.message(), where);
        }
        return replace_atomically(target, produce, where);
    }
    if (errno == ELOOP)
        throw Error(ErrorCode::output, std::string("cannot follow the output's links: ") + std::strerror(ELOOP), where,
                    {"the symbolic links form a loop or a chain too long to follow"});
    // A new file, possibly at the end of a dangling link.
    replace_atomically(resolve_links(path, where), produce, where);
}

void write_file_atomically(const std::filesystem::path& path, std::string_view bytes) {
    write_file_atomically(path, [&](const OutputPiece& put) { put(bytes); });
}

}  // namespace docexport
