/**
 * The classic-control tasks of Gymnasium 0.29.1, reproduced step for step: {@link
 * dev.proxima.envs.classic.CartPole}, {@link dev.proxima.envs.classic.Acrobot}, {@link
 * dev.proxima.envs.classic.MountainCar}, {@link dev.proxima.envs.classic.MountainCarContinuous} and
 * {@link dev.proxima.envs.classic.Pendulum}.
 *
 * <p>Start with {@link dev.proxima.envs.classic.ClassicControlEnv}, which holds what the five share
 * (seeding, call order, action checks, state saving). The classes here apply no time limit; {@code
 * dev.proxima.envs.Envs.make} adds Gymnasium's.
 */
package dev.proxima.envs.classic;
