/* A tiny assert-style harness for the C API tests (C11). Each check prints
 * file:line, the expression, and for calls the code and ws_errmsg(), then
 * exits nonzero. */
#ifndef WS_TESTS_CAPI_HARNESS_H_
#define WS_TESTS_CAPI_HARNESS_H_

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "worksection/c.h"

#define CHECK(cond)                                                            \
  do {                                                                         \
    if (!(cond)) {                                                             \
      fprintf(stderr, "%s:%d: CHECK(%s) failed\n", __FILE__, __LINE__, #cond); \
      exit(1);                                                                 \
    }                                                                          \
  } while (0)

/* `call` must return `expected`. */
#define CHECK_RC(expected, call)                                          \
  do {                                                                    \
    int rc_ = (call);                                                     \
    if (rc_ != (expected)) {                                              \
      fprintf(stderr, "%s:%d: %s\n  returned %s (%d), expected %s: %s\n", \
              __FILE__, __LINE__, #call, ws_errname(rc_), rc_, #expected, \
              ws_errmsg());                                               \
      exit(1);                                                            \
    }                                                                     \
  } while (0)

#define OK(call) CHECK_RC(WS_OK, call)

#define CHECK_STREQ(a, b)                                                     \
  do {                                                                        \
    const char *a_ = (a), *b_ = (b);                                          \
    if (a_ == NULL || b_ == NULL || strcmp(a_, b_) != 0) {                    \
      fprintf(stderr, "%s:%d: %s == %s failed: \"%s\" vs \"%s\"\n", __FILE__, \
              __LINE__, #a, #b, a_ ? a_ : "(null)", b_ ? b_ : "(null)");      \
      exit(1);                                                                \
    }                                                                         \
  } while (0)

/* The last error message contains `needle`. */
#define CHECK_ERRMSG_HAS(needle)                                            \
  do {                                                                      \
    if (strstr(ws_errmsg(), (needle)) == NULL) {                            \
      fprintf(stderr, "%s:%d: ws_errmsg() \"%s\" lacks \"%s\"\n", __FILE__, \
              __LINE__, ws_errmsg(), (needle));                             \
      exit(1);                                                              \
    }                                                                       \
  } while (0)

#define RUN(test)                            \
  do {                                       \
    fprintf(stderr, "[ RUN  ] %s\n", #test); \
    test();                                  \
    fprintf(stderr, "[  OK  ] %s\n", #test); \
  } while (0)

/* 2024-03-15 10:00:00 UTC, a Friday: the tests' fixed "now". */
#define TEST_NOW_US INT64_C(1710496800000000)

static inline int64_t test_clock(void *ctx) {
  (void)ctx;
  return TEST_NOW_US;
}

static inline ws_date test_date(int year, int month, int day) {
  ws_date d;
  d.year = year;
  d.month = (int8_t)month;
  d.day = (int8_t)day;
  return d;
}

#endif /* WS_TESTS_CAPI_HARNESS_H_ */
