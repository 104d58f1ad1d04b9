/* A "compiler plugin" whose only effect is to prove it was loaded: its
   constructor creates the file named by COROLINT_PLUGIN_MARKER. */
#include <stdio.h>
#include <stdlib.h>

__attribute__((constructor)) static void mark_loaded(void) {
  const char *path = getenv("COROLINT_PLUGIN_MARKER");
  FILE *f = path ? fopen(path, "w") : NULL;
  if (f) {
    fputs("loaded\n", f);
    fclose(f);
  }
}
