// Writes a crafted copy of a model file (crafted_model.h): its settings changed, every checksum
// valid. For the tests of how the plug-in treats untrusted model files.
//
// usage: craft-model IN.mcm OUT.mcm KEY=VALUE...
#include <cstdio>
#include <fstream>
#include <iterator>

#include "../unit/crafted_model.h"
#include "mangacolor/errors.h"

int main(int argc, char** argv) {
    if (argc < 4) {
        std::fprintf(stderr, "usage: craft-model IN.mcm OUT.mcm KEY=VALUE...\n");
        return 2;
    }
    try {
        std::ifstream in(argv[1], std::ios::binary);
        auto sections = mangacolor::crafted::sections_of({std::istreambuf_iterator<char>(in), {}});
        mangacolor::Fields changes;
        for (int i = 3; i < argc; ++i) {
            const std::string change = argv[i];
            const size_t eq = change.find('=');
            changes[change.substr(0, eq)] = eq == std::string::npos ? "" : change.substr(eq + 1);
        }
        mangacolor::crafted::change_settings(sections.at("settings"), changes);
        std::ofstream(argv[2], std::ios::binary) << mangacolor::pack_sections(sections);
        return 0;
    } catch (const std::exception& e) {
        std::fprintf(stderr, "craft-model: %s\n", mangacolor::user_message(e).c_str());
        return 1;
    }
}
