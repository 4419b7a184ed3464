/*
 * Reference trajectory for MuJoCoBindingTest: loads an MJCF file, applies the same deterministic
 * controls as the Java side (xorshift64* from a seed, scaled to [-1, 1], clipped by MuJoCo to the
 * control range), and prints qpos and qvel after every env step as hex floats (exact bits).
 *   trajectory MODEL.xml SEED ENV_STEPS FRAME_SKIP
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <mujoco/mujoco.h>

static uint64_t state;

static double next_control(void) {
    state ^= state >> 12;
    state ^= state << 25;
    state ^= state >> 27;
    uint64_t r = state * 0x2545F4914F6CDD1DULL;
    return (double) (r >> 11) * 0x1.0p-53 * 2.0 - 1.0;
}

int main(int argc, char **argv) {
    if (argc != 5) {
        fprintf(stderr, "usage: trajectory MODEL.xml SEED ENV_STEPS FRAME_SKIP\n");
        return 2;
    }
    char error[1000];
    mjModel *m = mj_loadXML(argv[1], NULL, error, sizeof error);
    if (!m) {
        fprintf(stderr, "%s\n", error);
        return 1;
    }
    mjData *d = mj_makeData(m);
    state = strtoull(argv[2], NULL, 10);
    int steps = atoi(argv[3]), skip = atoi(argv[4]);
    for (int t = 0; t < steps; t++) {
        for (int i = 0; i < m->nu; i++) d->ctrl[i] = next_control();
        for (int k = 0; k < skip; k++) mj_step(m, d);
        for (int i = 0; i < m->nq; i++) printf("%a ", d->qpos[i]);
        for (int i = 0; i < m->nv; i++) printf("%a ", d->qvel[i]);
        printf("\n");
    }
    mj_deleteData(d);
    mj_deleteModel(m);
    return 0;
}
