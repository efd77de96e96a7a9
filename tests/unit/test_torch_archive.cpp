#include <caffe2/serialize/inline_container.h>
#include <gtest/gtest.h>

#include "../../core/src/torch_archive.h"
#include "mangacolor/errors.h"
#include "mangacolor/model_file.h"

namespace mangacolor {
namespace {

using Records = std::vector<std::pair<std::string, std::string>>;

// A zip archive as LibTorch writes one, holding the given records.
std::string archive_of(const Records& records) {
    std::string bytes;
    caffe2::serialize::PyTorchStreamWriter writer([&](const void* data, size_t size) {
        bytes.append(static_cast<const char*>(data), size);
        return size;
    });
    for (const auto& [name, content] : records)
        writer.writeRecord(name, content.data(), content.size());
    writer.writeEndOfFile();
    return bytes;
}

void expect_refused(const Records& records, const std::string& problem) {
    try {
        check_torch_archive(archive_of(records), "weights");
        FAIL() << "accepted an archive that should show: " << problem;
    } catch (const Error& e) {
        EXPECT_NE(std::string(e.what()).find(problem), std::string::npos) << e.what();
    }
}

TEST(TorchArchive, EveryArchiveThisLibraryWritesPasses) {
    ModelConfig config;
    config.base_width = 4;
    EXPECT_NO_THROW(check_torch_archive(to_bytes(*Generator(config)), "generator weights"));
}

TEST(TorchArchive, APickleLengthBeyondItsBytesIsRefused) {
    // PROTO 2, BINUNICODE of 1 GB, with 5 bytes there: LibTorch would allocate the 1 GB first.
    const std::string pickle("\x80\x02X\x00\x00\x00\x40hello.", 13);
    expect_refused({{"data.pkl", pickle}}, "declares more bytes than it has");
}

TEST(TorchArchive, AMemoIndexFarAheadIsRefused) {
    // A memo entry numbered 1 G: a table that size would be allocated to hold it.
    const std::string pickle(
        "\x80\x02N"
        "r\x00\x00\x00\x40.",
        10);
    expect_refused({{"data.pkl", pickle}}, "memo out of order");
}

TEST(TorchArchive, AnUnendedPickleIsRefused) {
    expect_refused({{"data.pkl", std::string("\x80\x02N", 3)}}, "does not end");
}

TEST(TorchArchive, CodeWithMethodsIsRefused) {
    const std::string code =
        "class Module(Module):\n  __parameters__ = []\n"
        "  def __setstate__(self, state: Tuple[int]) -> None:\n    pass\n";
    expect_refused({{"code/__torch__.py", code}}, "its code has methods");
}

TEST(TorchArchive, NotAZipIsRefused) {
    EXPECT_THROW(check_torch_archive("PK\x03\x04 but no zip", "weights"), Error);
}

}  // namespace
}  // namespace mangacolor
