#include "torch_archive.h"

#include <caffe2/serialize/inline_container.h>

#include <algorithm>
#include <cstdint>
#include <sstream>

#include "mangacolor/errors.h"

namespace mangacolor {
namespace {

// A few records (the code) are compressed; all of them together may unpack to this much more
// than the archive: enough for any real model, not a zip bomb.
constexpr uint64_t kMaxUnpackedGrowth = uint64_t{16} << 20;

bool ends_with(const std::string& text, const std::string& end) {
    return text.size() >= end.size() &&
           text.compare(text.size() - end.size(), end.size(), end) == 0;
}

// Pickle opcodes (protocols 0 to 5) by what follows them. In the tables, the opcodes at index n
// take n bytes, a length of n bytes and that many bytes, or n newline-ended lines.
const std::string kNoArgument = "(012N\x88\x89t\x85\x86\x87)]ael}dsubR\x81\x92\x93\x8f\x90\x91Qo";
const std::string kFixed[] = {"", "K\x82\x80", "M\x83", "", "J\x84", "", "", "", "G\x95"};
const std::string kLengthPrefixed[] = {"", "\x8aU\x8c\x43", "", "", "TXB\x8b", "", "",
                                       "", "\x8d\x8e\x96"};
const std::string kLines[] = {"", "ILFSVPgp", "ci"};
const std::string kMemoGet[] = {"", "h", "", "", "j"};
const std::string kMemoPut[] = {"", "q", "", "", "r"};
constexpr char kStop = '.', kMemoize = '\x94';

template <size_t N>
size_t index_in(const std::string (&table)[N], char op) {
    for (size_t n = 1; n < N; ++n)
        if (table[n].find(op) != std::string::npos) return n;
    return 0;
}

// Walks a pickle's opcodes without building anything, and returns what is wrong with it, or ""
// when every length and memo index fits.
std::string pickle_problem(const std::string& pickle) {
    size_t pos = 0;
    auto left = [&] { return pickle.size() - pos; };
    auto take_number = [&](size_t bytes) {  // little-endian
        uint64_t value = 0;
        for (size_t i = 0; i < bytes; ++i)
            value |= uint64_t(static_cast<unsigned char>(pickle[pos + i])) << (8 * i);
        pos += bytes;
        return value;
    };
    uint64_t memoized = 0;  // picklers number their memo entries 0, 1, 2, ...
    while (left() > 0) {
        const char op = pickle[pos++];
        if (op == kStop) return "";
        if (op == kMemoize) ++memoized;
        if (op == kMemoize || kNoArgument.find(op) != std::string::npos) continue;

        const size_t get = index_in(kMemoGet, op), put = index_in(kMemoPut, op);
        const size_t fixed = index_in(kFixed, op), prefix = index_in(kLengthPrefixed, op);
        if (const size_t bytes = std::max({get, put, fixed, prefix})) {
            if (bytes > left()) return "a pickle is cut short";
            const uint64_t number = take_number(bytes);
            if (get && number >= memoized) return "a pickle refers to a memo entry it lacks";
            if (put && number > memoized) return "a pickle numbers its memo out of order";
            if (put && number == memoized) ++memoized;
            if (prefix && number > left()) return "a pickle declares more bytes than it has";
            if (prefix) pos += number;
            continue;
        }
        const size_t lines = index_in(kLines, op);
        if (!lines) return "an unknown pickle opcode";
        for (size_t line = 0; line < lines; ++line) {
            const size_t newline = pickle.find('\n', pos);
            if (newline == std::string::npos) return "a pickle is cut short";
            pos = newline + 1;
        }
    }
    return "a pickle does not end";
}

// The modules' code as LibTorch writes it for attributes only: class headers and declarations.
// A method (a line starting with "def") would run, or could be made to run, while loading.
bool declares_only(const std::string& code) {
    std::istringstream lines(code);
    for (std::string line; std::getline(lines, line);) {
        const size_t start = line.find_first_not_of(" \t");
        if (start != std::string::npos && line.compare(start, 3, "def") == 0) return false;
    }
    return true;
}

}  // namespace

void check_torch_archive(const std::string& bytes, const std::string& what) {
    auto refuse = [&](const std::string& problem) {
        throw Error("the " + what + " are not an archive this version reads: " + problem);
    };
    try {
        std::istringstream in(bytes);
        caffe2::serialize::PyTorchStreamReader reader(&in);
        const std::vector<std::string> records = reader.getAllRecords();
        uint64_t unpacked = 0;
        for (const auto& record : records) {
            unpacked += reader.getRecordSize(record);
            if (unpacked > bytes.size() + kMaxUnpackedGrowth)
                refuse("its records unpack to far more than its " + std::to_string(bytes.size()) +
                       " bytes");
        }
        for (const auto& record : records) {
            // data.pkl, constants.pkl, and the code's .debug_pkl files.
            const bool pickle = ends_with(record, "pkl"), code = ends_with(record, ".py");
            if (!pickle && !code) continue;
            const auto [data, size] = reader.getRecord(record);
            const std::string content(static_cast<const char*>(data.get()), size);
            if (pickle) {
                const std::string problem = pickle_problem(content);
                if (!problem.empty()) refuse(problem + " (" + record + ")");
            } else if (!declares_only(content)) {
                refuse("its code has methods (" + record + ")");
            }
        }
    } catch (const c10::Error& e) {
        refuse(user_message(e));
    }
}

}  // namespace mangacolor
