#include <gif_lib.h>
#include <stdlib.h>
#include <string.h>

// giflib writes through a callback; this one appends to a growable buffer so Swift gets
// the whole file as bytes (and writes it atomically itself).
typedef struct { unsigned char *data; size_t length, capacity; } jumpy_gif_buffer;

static int jumpy_gif_append(GifFileType *gif, const GifByteType *bytes, int count) {
    jumpy_gif_buffer *buffer = (jumpy_gif_buffer *)gif->UserData;
    if (buffer->length + (size_t)count > buffer->capacity) {
        size_t capacity = buffer->capacity * 2 + (size_t)count + 4096;
        unsigned char *grown = (unsigned char *)realloc(buffer->data, capacity);
        if (!grown) return 0;
        buffer->data = grown;
        buffer->capacity = capacity;
    }
    memcpy(buffer->data + buffer->length, bytes, (size_t)count);
    buffer->length += (size_t)count;
    return count;
}

// Encodes `frames` images of `width × height` palette indices (row-major, one after the
// other) as a GIF89a. `palette` is `colors` RGB triples (colors a power of two, 2…256).
// `loops` 0 loops forever (NETSCAPE2.0 extension); a negative value writes no loop block.
// On success returns 0 and a malloc'ed buffer in *out (free with free()); else giflib's error.
static inline int jumpy_gif_encode(const unsigned char *palette, int colors, int width, int height,
                                   const unsigned char *indices, int frames, int delayCentiseconds,
                                   int loops, unsigned char **out, size_t *outLength) {
    int error = 0;
    jumpy_gif_buffer buffer = {0, 0, 0};
    GifFileType *gif = EGifOpen(&buffer, jumpy_gif_append, &error);
    if (!gif) return error ? error : -1;
    ColorMapObject *map = GifMakeMapObject(colors, (const GifColorType *)palette);
    if (!map) { EGifCloseFile(gif, &error); free(buffer.data); return -1; }
    EGifSetGifVersion(gif, true);
    int status = EGifPutScreenDesc(gif, width, height, 8, 0, map);
    if (status == GIF_OK && loops >= 0) {
        unsigned char netscape[] = "NETSCAPE2.0";
        unsigned char count[] = {1, (unsigned char)(loops & 0xFF), (unsigned char)((loops >> 8) & 0xFF)};
        status = EGifPutExtensionLeader(gif, APPLICATION_EXT_FUNC_CODE);
        if (status == GIF_OK) status = EGifPutExtensionBlock(gif, 11, netscape);
        if (status == GIF_OK) status = EGifPutExtensionBlock(gif, 3, count);
        if (status == GIF_OK) status = EGifPutExtensionTrailer(gif);
    }
    for (int f = 0; f < frames && status == GIF_OK; f++) {
        // Frames are left in place (no disposal), so each later frame stores only the
        // rectangle that differs from the one before: most of a table does not move.
        GraphicsControlBlock control = {DISPOSE_DO_NOT, false, delayCentiseconds, NO_TRANSPARENT_COLOR};
        GifByteType extension[4];
        EGifGCBToExtension(&control, extension);
        status = EGifPutExtension(gif, GRAPHICS_EXT_FUNC_CODE, 4, extension);
        const size_t size = (size_t)width * (size_t)height;
        const unsigned char *frame = indices + (size_t)f * size;
        int left = 0, top = 0, right = width - 1, bottom = height - 1;
        if (f > 0) {
            const unsigned char *previous = frame - size;
            left = width; top = height; right = -1; bottom = -1;
            for (int y = 0; y < height; y++) {
                const unsigned char *a = frame + (size_t)y * width, *b = previous + (size_t)y * width;
                if (memcmp(a, b, (size_t)width) == 0) continue;
                if (y < top) top = y;
                bottom = y;
                for (int x = 0; x < width; x++) if (a[x] != b[x]) { if (x < left) left = x; if (x > right) right = x; }
            }
            if (right < 0) { left = 0; top = 0; right = 0; bottom = 0; }   // unchanged: one pixel
        }
        int w = right - left + 1, h = bottom - top + 1;
        if (status == GIF_OK) status = EGifPutImageDesc(gif, left, top, w, h, false, NULL);
        for (int row = top; row <= bottom && status == GIF_OK; row++)
            status = EGifPutLine(gif, (GifPixelType *)(frame + (size_t)row * (size_t)width + left), w);
    }
    if (status != GIF_OK) error = gif->Error;
    GifFreeMapObject(map);
    if (EGifCloseFile(gif, &status) != GIF_OK && error == 0) error = status ? status : -1;
    if (error) { free(buffer.data); return error; }
    *out = buffer.data;
    *outLength = buffer.length;
    return 0;
}
