// The plug-in executable: a GimpPlugIn subclass that tells GIMP its procedures and creates them.

#include <libgimp/gimp.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>

#include "plugin/colorize_procedure.h"
#include "plugin/files_procedure.h"
#include "plugin/finetune_procedure.h"

struct ColorizeManga {
    GimpPlugIn parent_instance;
};

struct ColorizeMangaClass {
    GimpPlugInClass parent_class;
};

G_DEFINE_TYPE(ColorizeManga, colorize_manga, GIMP_TYPE_PLUG_IN)

namespace {

struct ProcedureEntry {
    const char* name;
    GimpProcedure* (*create)(GimpPlugIn*);
};

constexpr ProcedureEntry kProcedures[] = {
    {colorize_manga::kColorizeProcedure, colorize_manga::colorize_procedure_new},
    {colorize_manga::kFilesProcedure, colorize_manga::files_procedure_new},
    {colorize_manga::kFinetuneProcedure, colorize_manga::finetune_procedure_new},
};

}  // namespace

static GList* colorize_manga_query_procedures(GimpPlugIn* /*plug_in*/) {
    GList* names = nullptr;
    for (const auto& procedure : kProcedures) {
        names = g_list_append(names, g_strdup(procedure.name));
    }
    return names;
}

static GimpProcedure* colorize_manga_create_procedure(GimpPlugIn* plug_in, const gchar* name) {
    for (const auto& procedure : kProcedures) {
        if (std::strcmp(name, procedure.name) == 0) return procedure.create(plug_in);
    }
    return nullptr;
}

// The plug-in ships no translations; without this GIMP looks for a catalog and complains.
static gboolean colorize_manga_set_i18n(GimpPlugIn* /*plug_in*/, const gchar* /*procedure*/,
                                        gchar** /*gettext_domain*/, gchar** /*catalog_dir*/) {
    return FALSE;
}

static void colorize_manga_class_init(ColorizeMangaClass* klass) {
    GimpPlugInClass* plug_in_class = GIMP_PLUG_IN_CLASS(klass);
    plug_in_class->query_procedures = colorize_manga_query_procedures;
    plug_in_class->create_procedure = colorize_manga_create_procedure;
    plug_in_class->set_i18n = colorize_manga_set_i18n;
}

static void colorize_manga_init(ColorizeManga* /*plug_in*/) {}

// GIMP_MAIN, but the process ends as soon as libgimp is done: LibTorch's and OpenMP's teardown
// in static destructors takes long enough that GIMP 3.2, quitting right after a batch call,
// reports the plug-in as a zombie. Every result is written before gimp_main returns.
int main(int argc, char* argv[]) {
    const int status = gimp_main(colorize_manga_get_type(), argc, argv);
    std::fflush(nullptr);
    std::_Exit(status);
}
