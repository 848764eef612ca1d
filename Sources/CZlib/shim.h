#include <zlib.h>

// zlib's crc32 takes and returns `unsigned long`; this keeps the Swift side free of
// platform-dependent integer widths.
static inline unsigned int jumpy_crc32(unsigned int crc, const unsigned char *bytes, unsigned int count) {
    return (unsigned int)crc32((uLong)crc, bytes, count);
}

// compress2 with fixed-width sizes; returns Z_OK (0) on success.
static inline int jumpy_deflate(unsigned char *dest, unsigned long *destLength,
                                const unsigned char *source, unsigned long sourceLength) {
    uLongf length = (uLongf)*destLength;
    int status = compress2(dest, &length, source, (uLong)sourceLength, Z_BEST_COMPRESSION);
    *destLength = (unsigned long)length;
    return status;
}
static inline unsigned long jumpy_deflate_bound(unsigned long sourceLength) {
    return (unsigned long)compressBound((uLong)sourceLength);
}
