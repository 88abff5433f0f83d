/*
 * The C peer of bench/ising.ts: a straightforward 2D Ising Metropolis sweep, as one would write
 * it in C without multispin coding.
 *
 *   gcc -O3 -march=native -o ising_metropolis ising_metropolis.c -lm
 *   ./ising_metropolis L T seed       then, on standard input, one sweep count per line
 *
 * Periodic L x L lattice of int8_t spins (+1/-1), row-major; J = 1, h = 0. Checkerboard order
 * (sites with row + column even, then odd), the order physml's kernels use. One xorshift64*
 * random number per spin (its high 32 bits), compared with a precomputed table of acceptance
 * thresholds min(1, exp(-dE/T)) * 2^32 indexed by s * (sum of the 4 neighbours); dE <= 0 has
 * threshold 2^32, so it always flips. Neighbour rows are computed once per row, columns wrap
 * with a compare. Starts from random spins and keeps its lattice between requests, so that the
 * benchmark can interleave timed blocks of C and physml sweeps: for each line "n" (n > 0) it runs
 * n sweeps and prints "wall_seconds cpu_seconds energy_per_spin"; on "0" or end of input it exits.
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static uint64_t rng_state;

/* xorshift64* (Vigna 2016): 64-bit state, high 32 bits of the product as the output. */
static inline uint32_t next_random(void) {
  rng_state ^= rng_state >> 12;
  rng_state ^= rng_state << 25;
  rng_state ^= rng_state >> 27;
  return (uint32_t)((rng_state * 0x2545F4914F6CDD1DULL) >> 32);
}

static double now_seconds(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (double)t.tv_sec + 1e-9 * (double)t.tv_nsec;
}

static void sweep(int8_t *spins, int size, const uint64_t *threshold) {
  for (int colour = 0; colour < 2; colour++) {
    for (int row = 0; row < size; row++) {
      const int8_t *up = spins + (size_t)((row + size - 1) % size) * size;
      const int8_t *down = spins + (size_t)((row + 1) % size) * size;
      int8_t *here = spins + (size_t)row * size;
      for (int column = (row + colour) & 1; column < size; column += 2) {
        const int left = column == 0 ? size - 1 : column - 1;
        const int right = column == size - 1 ? 0 : column + 1;
        const int sum = up[column] + down[column] + here[left] + here[right];
        const int s = here[column];
        if ((uint64_t)next_random() < threshold[s * sum + 4]) here[column] = (int8_t)-s;
      }
    }
  }
}

static double energy_per_spin(const int8_t *spins, int size) {
  long bonds = 0;
  for (int row = 0; row < size; row++) {
    for (int column = 0; column < size; column++) {
      const int s = spins[(size_t)row * size + column];
      bonds += s * (spins[(size_t)row * size + (column + 1) % size] + spins[(size_t)((row + 1) % size) * size + column]);
    }
  }
  return -(double)bonds / ((double)size * size);
}

static double cpu_seconds(void) {
  struct timespec t;
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
  return (double)t.tv_sec + 1e-9 * (double)t.tv_nsec;
}

int main(int argc, char **argv) {
  if (argc != 4) {
    fprintf(stderr, "usage: %s L T seed (then sweep counts on standard input)\n", argv[0]);
    return 2;
  }
  const int size = atoi(argv[1]);
  const double temperature = atof(argv[2]);
  const uint64_t seed = strtoull(argv[3], NULL, 10);
  if (size < 2 || size % 2 != 0 || !(temperature > 0)) {
    fprintf(stderr, "invalid arguments: L must be even and >= 2, T > 0\n");
    return 2;
  }
  rng_state = seed * 0x9E3779B97F4A7C15ULL + 1;
  int8_t *spins = malloc((size_t)size * size);
  if (spins == NULL) return 1;
  for (size_t i = 0; i < (size_t)size * size; i++) spins[i] = (next_random() >> 31) ? 1 : -1;
  /* threshold[s * sum + 4]: dE = 2 s sum (J = 1); accepted when the 32-bit random is below it. */
  uint64_t threshold[9];
  for (int k = -4; k <= 4; k++) {
    const double dE = 2.0 * k;
    threshold[k + 4] = dE <= 0 ? (1ULL << 32) : (uint64_t)(exp(-dE / temperature) * 4294967296.0);
  }
  long sweeps;
  while (scanf("%ld", &sweeps) == 1 && sweeps > 0) {
    const double wall = now_seconds();
    const double cpu = cpu_seconds();
    for (long n = 0; n < sweeps; n++) sweep(spins, size, threshold);
    const double cpuElapsed = cpu_seconds() - cpu;
    const double wallElapsed = now_seconds() - wall;
    printf("%.9f %.9f %.6f\n", wallElapsed, cpuElapsed, energy_per_spin(spins, size));
    fflush(stdout);
  }
  free(spins);
  return 0;
}
