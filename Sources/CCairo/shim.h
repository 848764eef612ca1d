// Cairo (Debian's libcairo2-dev): anti-aliased paths and real fonts for PNG and GIF frames.
// Its API is plain C with fixed signatures, so Swift calls it directly; this header only
// gathers it, and adds the one call that sets the font options jumpy draws with.
#include <cairo.h>

// Text without hinting (and grayscale anti-aliasing): glyph shapes and advances then come
// from the font's outlines alone, not from the machine's fontconfig settings, so a figure's
// layout is the same wherever it is drawn.
static inline void jumpy_cairo_plain_font_options(cairo_t *cr) {
    cairo_font_options_t *options = cairo_font_options_create();
    cairo_font_options_set_antialias(options, CAIRO_ANTIALIAS_GRAY);
    cairo_font_options_set_hint_style(options, CAIRO_HINT_STYLE_NONE);
    cairo_font_options_set_hint_metrics(options, CAIRO_HINT_METRICS_OFF);
    cairo_set_font_options(cr, options);
    cairo_font_options_destroy(options);
}
