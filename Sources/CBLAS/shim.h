// OpenBLAS through pkg-config `openblas` (its include directory holds its own cblas.h).
#include <cblas.h>
