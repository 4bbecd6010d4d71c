/* Temporary directories for the C tests (POSIX). Define _POSIX_C_SOURCE
 * 200809L before any include in the test file. */
#ifndef WS_TESTS_CAPI_TMPDIR_H_
#define WS_TESTS_CAPI_TMPDIR_H_

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Creates a fresh directory under $TMPDIR (or /tmp) into buf. */
static inline void tmpdir_make(char *buf, size_t size) {
  const char *base = getenv("TMPDIR");
  if (base == NULL || base[0] == '\0') base = "/tmp";
  snprintf(buf, size, "%s/ws-capi.XXXXXX", base);
  if (mkdtemp(buf) == NULL) {
    perror("mkdtemp");
    exit(1);
  }
}

/* Removes the directory and the plain files in it. */
static inline void tmpdir_remove(const char *dir) {
  DIR *d = opendir(dir);
  if (d != NULL) {
    struct dirent *e;
    char path[4096];
    while ((e = readdir(d)) != NULL) {
      if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0) {
        continue;
      }
      snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
      unlink(path);
    }
    closedir(d);
  }
  rmdir(dir);
}

#endif /* WS_TESTS_CAPI_TMPDIR_H_ */
