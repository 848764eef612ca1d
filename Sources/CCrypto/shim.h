// OpenSSL's libcrypto (Debian libssl-dev): HMAC-SHA256 for the Jupyter wire protocol's
// signatures, and a comparison that takes the same time wherever the bytes differ.
#include <openssl/hmac.h>
#include <openssl/evp.h>
#include <openssl/crypto.h>
#include <stddef.h>

// HMAC-SHA256 of data under key into out (32 bytes); 1 on success.
static inline int jumpy_hmac_sha256(const void *key, int key_length, const unsigned char *data,
                                    size_t length, unsigned char *out) {
    unsigned int written = 0;
    return HMAC(EVP_sha256(), key, key_length, data, length, out, &written) != NULL && written == 32;
}

// 1 when the n bytes at a and b are equal, in time independent of where they differ.
static inline int jumpy_equal_constant_time(const void *a, const void *b, size_t n) {
    return CRYPTO_memcmp(a, b, n) == 0;
}
