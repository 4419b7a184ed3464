/*
 * MuJoCo reports engine errors through a process-wide handler that must not return (the engine's
 * state is invalid after an error) and cannot be a Java upcall (returning corrupts the engine,
 * throwing ends the JVM). This helper installs a handler that jumps back to the guarded call on
 * the same thread, which then returns an error code; the caller throws and resets the data.
 * Every entry point that can raise an engine error while Proxima is in charge goes through here.
 */
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <mujoco/mujoco.h>

static _Thread_local jmp_buf *guard = NULL;
static _Thread_local char last_error[1024];

static void on_error(const char *message) {
    snprintf(last_error, sizeof last_error, "%s", message);
    if (guard != NULL) {
        longjmp(*guard, 1);
    }
    /* An error outside a guarded call: returning into the engine is undefined. */
    fprintf(stderr, "MuJoCo error outside a guarded call: %s\n", message);
    abort();
}

void pxm_install_error_handler(void) {
    mju_user_error = on_error;
}

const char *pxm_last_error(void) {
    return last_error;
}

/*
 * Runs CALL with the error handler's jump target set here; after an engine error the previous
 * target is restored and ON_ERROR runs (it returns the entry point's failure value). Guards nest.
 */
#define GUARDED(CALL, ON_ERROR) \
    do { \
        jmp_buf here; \
        jmp_buf *outer = guard; \
        if (setjmp(here)) { \
            guard = outer; \
            ON_ERROR; \
        } \
        guard = &here; \
        CALL; \
        guard = outer; \
    } while (0)

/* Runs n physics steps; 0 on success, 1 after an engine error (reset the data before reusing it). */
int pxm_step(const mjModel *m, mjData *d, int n) {
    GUARDED(for (int i = 0; i < n; i++) mj_step(m, d), return 1);
    return 0;
}

/* mj_forward under the guard; 0 on success, 1 after an engine error. */
int pxm_forward(const mjModel *m, mjData *d) {
    GUARDED(mj_forward(m, d), return 1);
    return 0;
}

/* mj_rnePostConstraint (fills cfrc_ext) under the guard; 0 on success, 1 after an engine error. */
int pxm_rne_post_constraint(const mjModel *m, mjData *d) {
    GUARDED(mj_rnePostConstraint(m, d), return 1);
    return 0;
}

/* mj_makeData under the guard; NULL after an engine error (e.g. out of memory). */
mjData *pxm_make_data(const mjModel *m) {
    mjData *volatile d = NULL;
    GUARDED(d = mj_makeData(m), return NULL);
    return d;
}
