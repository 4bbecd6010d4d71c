// What a fuzz target asserts: a broken property aborts, which libFuzzer
// (and the corpus replay test) reports as a crash with this message.
#ifndef WORKSECTION_TESTS_FUZZ_FUZZ_CHECK_H_
#define WORKSECTION_TESTS_FUZZ_FUZZ_CHECK_H_

#include <cstdio>
#include <cstdlib>

#define WS_FUZZ_CHECK(cond)                                                    \
  do {                                                                         \
    if (!(cond)) {                                                             \
      std::fprintf(stderr, "%s:%d: property failed: %s\n", __FILE__, __LINE__, \
                   #cond);                                                     \
      std::abort();                                                            \
    }                                                                          \
  } while (0)

#endif  // WORKSECTION_TESTS_FUZZ_FUZZ_CHECK_H_
