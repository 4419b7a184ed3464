package dev.proxima.envs.mujoco;

/** MuJoCo could not be loaded, a model did not compile, or the engine raised an error. */
public final class MuJoCoException extends RuntimeException {
    public MuJoCoException(String message) {
        super(message);
    }

    public MuJoCoException(String message, Throwable cause) {
        super(message, cause);
    }
}
