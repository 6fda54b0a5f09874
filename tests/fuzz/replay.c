/*
 * replay: run a libFuzzer harness's LLVMFuzzerTestOneInput over every
 * file of the given folders (the saved corpus and crash reproducers), so
 * that `make check` replays them with gcc and the sanitizers without
 * needing clang's libFuzzer.  Prints "N passed, 0 failed" per folder; a
 * crash aborts the process, which the test runner reports.
 */
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
main(int argc, char **argv)
{
	int n = 0;

	for (int a = 1; a < argc; a++) {
		DIR *d = opendir(argv[a]);
		struct dirent *de;

		if (!d) {
			fprintf(stderr, "replay: cannot open %s\n", argv[a]);
			return 1;
		}
		while ((de = readdir(d))) {
			char path[4096];
			FILE *f;
			uint8_t *buf;
			long len;

			if (de->d_name[0] == '.')
				continue;
			snprintf(path, sizeof(path), "%s/%s", argv[a], de->d_name);
			f = fopen(path, "rb");
			if (!f)
				continue;
			fseek(f, 0, SEEK_END);
			len = ftell(f);
			fseek(f, 0, SEEK_SET);
			buf = malloc((size_t)len + 1);
			if (!buf || fread(buf, 1, (size_t)len, f) != (size_t)len) {
				fclose(f);
				free(buf);
				continue;
			}
			fclose(f);
			LLVMFuzzerTestOneInput(buf, (size_t)len);
			free(buf);
			n++;
		}
		closedir(d);
	}
	printf("%d passed, 0 failed\n", n);
	return 0;
}
