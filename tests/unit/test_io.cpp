// Inputs read as streams and outputs written by what they are (docs/cli.md, "Inputs and outputs"), through the
// library's public entry points, as an embedder calls them.
#include <docexport/readers.hpp>
#include <docexport/writers.hpp>

#include "test_helpers.hpp"

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

#include <fcntl.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

using namespace docexport;
namespace fs = std::filesystem;

TEST_CASE("an endless stream input stops at the size limit while it is read") {
    // /dev/zero never ends: without a limit enforced while reading, this would exhaust memory.
    ReadOptions options;
    options.max_input_bytes = std::size_t{1} << 20;
    DiagnosticSink sink([](const Diagnostic&) {});
    try {
        read_inputs({"/dev/zero"}, options, sink);
        FAIL("no error for an endless input");
    } catch (const Error& e) {
        CHECK(e.code() == ErrorCode::input);
        CHECK(std::string(e.what()).find("too large") != std::string::npos);
    }
}

TEST_CASE("standard input named twice is a usage error before anything is read") {
    DiagnosticSink sink([](const Diagnostic&) {});
    try {
        read_inputs({"-", "-"}, ReadOptions{}, sink);
        FAIL("no error for '-' twice");
    } catch (const Error& e) {
        CHECK(e.code() == ErrorCode::usage);
    }
}

TEST_CASE("write_file_atomically writes through a link and keeps the link") {
    test::TempDir dir("io-test");
    std::ofstream(dir.path / "real.txt") << "old";
    fs::create_symlink("real.txt", dir.path / "link.txt");
    write_file_atomically(dir.path / "link.txt", "new");
    CHECK(fs::is_symlink(dir.path / "link.txt"));
    CHECK(test::slurp(dir.path / "real.txt") == "new");
    CHECK(std::distance(fs::directory_iterator(dir.path), fs::directory_iterator()) == 2);  // no temporary left
}

TEST_CASE("write_file_atomically with a producer: pieces in order, and a producer that fails leaves the old file") {
    test::TempDir dir("io-test");
    fs::path out = dir.path / "out.txt";
    std::ofstream(out) << "old";
    auto entries = [&] { return std::distance(fs::directory_iterator(dir.path), fs::directory_iterator()); };
    // Nothing beside the file until the first piece; then a temporary, removed when the producer throws.
    CHECK_THROWS_AS(write_file_atomically(out, [&](const OutputPiece& put) {
                        CHECK(entries() == 1);
                        put("half of");
                        CHECK(entries() == 2);
                        throw Error(ErrorCode::input, "gave up");
                    }),
                    Error);
    CHECK(test::slurp(out) == "old");
    CHECK(entries() == 1);
    write_file_atomically(out, [](const OutputPiece& put) {
        put("new ");
        put("");
        put("bytes");
    });
    CHECK(test::slurp(out) == "new bytes");
    CHECK(entries() == 1);
    // A producer that gives nothing makes an empty file.
    write_file_atomically(out, [](const OutputPiece&) {});
    CHECK(test::slurp(out).empty());
}

TEST_CASE("write_file_atomically writes into a FIFO without replacing it") {
    test::TempDir dir("io-test");
    fs::path fifo = dir.path / "out";
    REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
    // A reader must hold the FIFO open before the writer's open returns; O_NONBLOCK makes that open not wait.
    int reader = ::open(fifo.c_str(), O_RDONLY | O_NONBLOCK);
    REQUIRE(reader >= 0);
    write_file_atomically(fifo, "bytes");
    char buf[16] = {};
    ssize_t n = ::read(reader, buf, sizeof buf);
    ::close(reader);
    CHECK(n == 5);
    CHECK(std::string(buf, 5) == "bytes");
    struct stat st {};
    REQUIRE(::lstat(fifo.c_str(), &st) == 0);
    CHECK(S_ISFIFO(st.st_mode));
}

TEST_CASE("a write error on a device names the output and says why") {
    // A node with /dev/full's numbers, made in the temporary directory (root only); the system's /dev is never
    // touched.
    test::TempDir dir("io-test");
    fs::path full = dir.path / "full";
    if (::mknod(full.c_str(), S_IFCHR | 0666, ::makedev(1, 7)) != 0) {
        MESSAGE("skipped: cannot make a device node (not root)");
        return;
    }
    try {
        write_file_atomically(full, "bytes");
        FAIL("no error writing to a full device");
    } catch (const Error& e) {
        CHECK(e.code() == ErrorCode::output);
        CHECK(e.pos().file == full.string());
        CHECK(std::string(e.what()).find("No space left on device") != std::string::npos);
    }
    struct stat st {};
    REQUIRE(::lstat(full.c_str(), &st) == 0);
    CHECK(S_ISCHR(st.st_mode));
}
