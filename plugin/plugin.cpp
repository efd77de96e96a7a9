// The plug-in executable: a GimpPlugIn subclass that tells GIMP its procedures and creates them.

#include <libgimp/gimp.h>

#include <cstring>

#include "plugin/colorize_procedure.h"

struct ColorizeManga {
    GimpPlugIn parent_instance;
};

struct ColorizeMangaClass {
    GimpPlugInClass parent_class;
};

G_DEFINE_TYPE(ColorizeManga, colorize_manga, GIMP_TYPE_PLUG_IN)

static GList* colorize_manga_query_procedures(GimpPlugIn* /*plug_in*/) {
    return g_list_append(nullptr, g_strdup(colorize_manga::kColorizeProcedure));
}

static GimpProcedure* colorize_manga_create_procedure(GimpPlugIn* plug_in, const gchar* name) {
    if (std::strcmp(name, colorize_manga::kColorizeProcedure) == 0) {
        return colorize_manga::colorize_procedure_new(plug_in);
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

GIMP_MAIN(colorize_manga_get_type())
