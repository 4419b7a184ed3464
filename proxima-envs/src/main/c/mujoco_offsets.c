/*
 * Prints, as Java properties, the layout of the MuJoCo structs Proxima reads through the FFM API:
 * struct sizes and the byte offset of every field the binding uses. Run at build time against the
 * installed headers, so the Java side never hard-codes a layout; the binding refuses to start when
 * the library it loads reports another version than these headers.
 */
#include <stddef.h>
#include <stdio.h>
#include <mujoco/mujoco.h>

#define MODEL(field) printf("mjModel.%s=%zu\n", #field, offsetof(mjModel, field));
#define DATA(field) printf("mjData.%s=%zu\n", #field, offsetof(mjData, field));

int main(void) {
    printf("header=%d\n", mjVERSION_HEADER);
    printf("sizeof.mjModel=%zu\nsizeof.mjData=%zu\nsizeof.mjVFS=%zu\nsizeof.mjWarningStat=%zu\n",
           sizeof(mjModel), sizeof(mjData), sizeof(mjVFS), sizeof(mjWarningStat));
    printf("mjVFS.nfile=%zu\nmjVFS.filedata=%zu\n", offsetof(mjVFS, nfile), offsetof(mjVFS, filedata));
    printf("mjWarningStat.number=%zu\n", offsetof(mjWarningStat, number));
    printf("warning.badqacc=%d\nwarning.count=%d\n", mjWARN_BADQACC, mjNWARNING);
    MODEL(nq) MODEL(nv) MODEL(nu) MODEL(na) MODEL(nbody) MODEL(njnt) MODEL(ngeom) MODEL(nsite)
    MODEL(nsensordata) MODEL(opt.timestep) MODEL(qpos0) MODEL(body_mass) MODEL(jnt_type)
    MODEL(jnt_qposadr) MODEL(jnt_dofadr) MODEL(actuator_ctrllimited) MODEL(actuator_ctrlrange)
    MODEL(name_bodyadr) MODEL(name_jntadr) MODEL(name_geomadr) MODEL(name_siteadr) MODEL(name_actuatoradr)
    MODEL(names) MODEL(nnames)
    DATA(warning) DATA(ncon) DATA(time) DATA(qpos) DATA(qvel) DATA(act) DATA(ctrl) DATA(qacc) DATA(qacc_warmstart)
    DATA(qfrc_applied) DATA(xfrc_applied) DATA(qfrc_constraint) DATA(qfrc_actuator) DATA(sensordata)
    DATA(xpos) DATA(xquat) DATA(xipos) DATA(site_xpos) DATA(subtree_com) DATA(cvel) DATA(cfrc_ext)
    return 0;
}
