// mangacolor: the command-line face of the core library.
// Exit codes: 0 success, 1 some inputs failed (the rest were done), 2 wrong usage,
// 3 nothing could be done (e.g. the model did not load), 130 cancelled.
#include <cstdio>
#include <iostream>
#include <map>
#include <string>

#include "commands.h"
#include "mangacolor/errors.h"

namespace {

using namespace mangacolor::cli;

struct Command {
    int (*run)(Args&);
    const char* summary;
    const char* help;
};

const std::map<std::string, Command>& commands() {
    static const std::map<std::string, Command> table{
        {"colorize",
         {run_colorize, "colorize B/W pages (files or folders) into OUTDIR",
          "usage: mangacolor colorize PAGE|FOLDER... -o OUTDIR [options]\n"
          "  -o, --output DIR     where the colored pages go (created if missing)\n"
          "  --model FILE         model file (default: the installed default model)\n"
          "  --no-line-art        lift the page's ink lines out of the result (colors to paint\n"
          "                       under the ink)\n"
          "  --no-flat            keep the network's colors as they are, instead of one color\n"
          "                       per area enclosed by lines\n"
          "  --hints FILE         color hints for the one page given: an RGBA image of the\n"
          "                       page's size whose opaque pixels are hints; an area enclosed\n"
          "                       by lines takes the color of the hints in it\n"
          "  --hints-dir DIR      hints for many pages: DIR/NAME.png (or .tif, .webp, .bmp)\n"
          "                       for page NAME.*; pages without one get no hints\n"
          "  --recolor            colorize pages already in color too (by default they are\n"
          "                       copied unchanged and reported)\n"
          "  --tile N             tile size in model pixels (default 1024)\n"
          "  --overlap N          tile overlap in model pixels (default 32)\n"
          "  --scale S            model pixels per page pixel (default: a page longer than the\n"
          "                       model's page size is shrunk to it, a smaller one kept as is)\n"
          "  --device auto|cpu|cuda  (default auto: CUDA when available)\n"
          "Writes OUTDIR/NAME.png for each page, 16-bit when the page was 16-bit. A hints\n"
          "image of another size than its page is an error naming both sizes.\n"}},
        {"train",
         {run_train, "train a model from scratch on a folder of colored pages",
          "usage: mangacolor train PAGES -o MODEL [options]\n"
          "  PAGES is a folder of colored pages, or holds color/ and bw/ with matching names.\n"
          "  --set KEY=VALUE      a model setting (repeatable), e.g. base_width=16, "
          "activation=swish\n"
          "  --bw DIR             B/W originals of the pages in PAGES, matched by file name\n"
          "  --validation DIR     validation pages (default: a share of PAGES, split by file)\n"
          "  --init-from MODEL    start from MODEL's weights where names and shapes match\n"
          "                       (e.g. --set output_head=lab-classes on a trained model);\n"
          "                       with a larger base_width or latent_width, a wider network\n"
          "                       that starts out coloring exactly as MODEL does\n"
          "  --train-only PART    train only that part of the network (global_context, new\n"
          "                       with --init-from); the rest stays MODEL's\n"
          "  --steps N --batch N --crop N --lr X --l1-weight X --seed N --checkpoint-every N\n"
          "  --class-weight X     weight of the colour classes' loss (lab-classes head; 10)\n"
          "  --hinted-share S     share of the crops given color hints from their colors\n"
          "                       (default 0.5)\n"
          "  --hint-loss-weight K pixels near a hint weigh up to 1+K in the L1 loss (0;\n"
          "                       models with hints, not the lab-classes head)\n"
          "  --hints-by-area      spread each crop's hints within its enclosed areas, as\n"
          "                       colorize does (default: over the whole crop)\n"
          "  --hints-on-one-color dots only where they cover one color, strokes only over\n"
          "                       their own color, as an artist places them (default: also\n"
          "                       across edges and on outlines)\n"
          "  --lr-decay-from N    from step N the learning rate falls linearly to 0 at --steps\n"
          "  --average-weights D  save a moving average of the weights, decay D per step (e.g.\n"
          "                       0.999): steadier colors than the last step's weights\n"
          "  --name TEXT          the model's name, shown by 'info' and in GIMP\n"
          "  --restart            ignore MODEL.ckpt (default: resume from it)\n"
          "  --repeatable         bit-for-bit repeatable run (slower kernels)\n"
          "A checkpoint MODEL.ckpt and MODEL itself are written every --checkpoint-every steps;\n"
          "an interrupted run continues where it stopped when started again.\n"}},
        {"finetune",
         {run_finetune, "fine-tune a model on your own colored pages",
          "usage: mangacolor finetune PAGES --from MODEL -o NEW_MODEL [options]\n"
          "  Same options as 'train' but --set and --init-from.\n"
          "  Defaults: --steps 300 --checkpoint-every 50 --lr 5e-5 --lr-decay-from a third\n"
          "  of the steps --average-weights 0.98.\n"
          "  --hint-field yes|no  how colour hints reach the model: spread over the page (yes)\n"
          "                       or as dots; changes no weight (default: as MODEL has it)\n"
          "At the end the model also keeps the palette of PAGES, used when it helps on PAGES\n"
          "themselves, and the strength of their colors (see 'palette').\n"}},
        {"eval",
         {run_eval, "compare a model's colors with the true colored pages",
          "usage: mangacolor eval PAGES [--model FILE] [--kinds LIST] [--limit N] [--compare DIR]\n"
          "                       [--no-flat] [--hints] [--set KEY=VALUE]... [--scale S]\n"
          "  Makes B/W pages of each kind from the colored pages in PAGES (the same ones on\n"
          "  every run), colorizes them and prints, per kind: mean CIEDE2000 of the model's\n"
          "  output, of the uncolored page and of the descreened page against the true colors;\n"
          "  the color-only CIEDE2000 (lightness taken from the truth) of the model and of no\n"
          "  color; the chroma ratio (result over truth); and the mean |dL*| between the result\n"
          "  and the page as read.\n"
          "  --kinds LIST    comma-separated: gray, screentone, line-art, flat-tones, and given\n"
          "                  (the pages' own B/W originals); default gray,screentone,line-art\n"
          "  --compare DIR   also write input | output | truth pictures of each page to DIR\n"
          "  --no-flat       measure the network's colors without the flat fill per area\n"
          "  --hints         give each page color hints from its true colors: one dot per\n"
          "                  100 x 100 pixels, in colored areas, each on one color (the same\n"
          "                  dots on every run)\n"
          "  --set KEY=VALUE decode with this setting instead of the model's own: chroma_gain\n"
          "                  (the network's a*, b* times this), chroma_temperature (lab-classes\n"
          "                  head; lower: more vivid), palette_strength or any other 'set' takes\n"
          "  --scale S       model pixels per page pixel, as for colorize (default: a page\n"
          "                  longer than the model's page size shrunk to it, else as it is)\n"}},
        {"ablate",
         {run_ablate, "train each architecture variant briefly and compare them",
          "usage: mangacolor ablate PAGES [--steps N] [--batch N] [--crop N] [--seed N]\n"
          "                         [--validation DIR] [--set KEY=VALUE]... [--only NAME]...\n"
          "  Trains the baseline and each one-setting variant (activation, input range, output\n"
          "  head, backbone, widths) for the same steps on the same data and prints a table of\n"
          "  validation L1 and PSNR. Defaults: --steps 200 --batch 4 --crop 128.\n"}},
        {"info",
         {run_info, "show a model's settings and metadata", "usage: mangacolor info MODEL\n"}},
        {"print-bw",
         {run_print_bw, "make B/W pages of one kind from colored pages",
          "usage: mangacolor print-bw PAGE|FOLDER... -o OUTDIR [--kind KIND] [--seed N]\n"
          "  KIND: gray (default), screentone, line-art or flat-tones, made as for training\n"
          "  (pattern, pitch and thresholds drawn from --seed). Writes OUTDIR/NAME.png.\n"}},
        {"set",
         {run_set, "change a trained model's settings that need no other weights",
          "usage: mangacolor set MODEL --set KEY=VALUE... -o NEW_MODEL\n"
          "  KEY: chroma_gain (the network's a*, b* are multiplied by it; 0.1-4),\n"
          "  chroma_temperature (lab-classes models: how the color classes become one\n"
          "  color; lower is more vivid), hint_field (yes|no), descreened_input (yes|no:\n"
          "  the network reads screentone as its tone, not as dots) or\n"
          "  descreened_when_hinted (yes|no: the same, on pages with hints) or\n"
          "  palette_strength (0-1: how far gray-shaded areas take the model's palette; 0:\n"
          "  not at all). The weights are kept.\n"}},
        {"palette",
         {run_palette, "give a model the palette of your colored pages, without training",
          "usage: mangacolor palette MODEL PAGES -o NEW_MODEL\n"
          "  PAGES: your colored pages (a chapter's, say). Their colors are clustered into a\n"
          "  palette of up to 24; colorizing then pulls the colors of gray-shaded areas to\n"
          "  the palette color of their lightness nearest the model's own guess. How far\n"
          "  (palette_strength 0, 0.5 or 1) is tried on PAGES themselves: each printed gray\n"
          "  and colorized with the palette of the others. Pages of the same characters gain;\n"
          "  unrelated drawings get strength 0. Then, the same way, how strong the colors are\n"
          "  (chroma_gain 1, 1.25, 1.5 or 2), on PAGES printed gray and in screentone: of those\n"
          "  within 1 % of the best color error, the one whose chroma comes nearest the\n"
          "  pages'. Needs 3 pages or more to try it.\n"
          "  'finetune' does this at its end. A page that cannot be read is named and\n"
          "  skipped (exit 1).\n"}},
        {"blend",
         {run_blend, "blend a model trained on from another with the one it started from",
          "usage: mangacolor blend START CONTINUED -o NEW_MODEL [--weight W]\n"
          "  Every weight becomes (1 - W) * START's + W * CONTINUED's (W: 0-1, default 0.5).\n"
          "  Both must have the same settings, as after 'train --init-from START' (but the\n"
          "  palette, palette_strength and chroma_gain a fine-tune chose: CONTINUED's are\n"
          "  kept; and CONTINUED may be wider, its base_width or latent_width larger: START\n"
          "  is then widened first, coloring as before). The blend keeps what START did well\n"
          "  on art unlike the new pages (see the model card).\n"}},
        {"init-model",
         {run_init_model, "write an untrained model with the given settings",
          "usage: mangacolor init-model OUT.mcm [--set KEY=VALUE]... [--seed N]\n"
          "  KEY is a model setting, as shown by 'mangacolor info' (e.g. base_width=8).\n"}},
    };
    return table;
}

void print_overview() {
    std::printf("usage: mangacolor COMMAND [options]   (mangacolor COMMAND --help for more)\n\n");
    for (const auto& [name, command] : commands())
        std::printf("  %-12s %s\n", name.c_str(), command.summary);
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 2 || std::string(argv[1]) == "--help" || std::string(argv[1]) == "-h") {
        print_overview();
        return argc < 2 ? 2 : 0;
    }
    auto it = commands().find(argv[1]);
    if (it == commands().end()) {
        std::fprintf(stderr, "mangacolor: unknown command '%s'\n", argv[1]);
        print_overview();
        return 2;
    }
    Args args(std::vector<std::string>(argv + 2, argv + argc));
    if (args.flag("--help") || args.flag("-h")) {
        std::fputs(it->second.help, stdout);
        return 0;
    }
    try {
        return it->second.run(args);
    } catch (const UsageError& e) {
        std::fprintf(stderr, "mangacolor %s: %s\n%s", argv[1], e.what(), it->second.help);
        return 2;
    } catch (const mangacolor::Cancelled&) {
        std::fprintf(stderr, "mangacolor %s: cancelled\n", argv[1]);
        return 130;
    } catch (const std::exception& e) {
        std::fprintf(stderr, "mangacolor %s: %s\n", argv[1], mangacolor::user_message(e).c_str());
        return 3;
    }
}
