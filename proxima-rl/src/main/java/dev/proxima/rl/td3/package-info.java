/** Twin Delayed DDPG: {@link dev.proxima.rl.td3.Td3}. */
package dev.proxima.rl.td3;
