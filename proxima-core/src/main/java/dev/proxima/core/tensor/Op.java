package dev.proxima.core.tensor;

/** The operations a {@link Graph} records; each has its backward rule in {@link Graph}. */
enum Op {
    LINEAR, MATMUL, MATMUL_TB, ADD, SUB, MUL, SCALE, ADD_SCALAR, TANH, RELU, GELU, SIGMOID, EXP, LOG,
    SQUARE, SOFTPLUS, CLAMP, MIN, CONCAT_COLUMNS, SUM, MEAN, ROW_SUM, LOG_SOFTMAX, SOFTMAX, GATHER, LAYER_NORM,
    EMBEDDING, CAUSAL_ATTENTION, CATEGORICAL_KL, CONST
}
