/**
 * One service per role, holding the role's whole loop: the clients, the demo and the benchmarks
 * build a service and call it; nothing else loops over rounds or updates. The decisions inside a
 * step (what to score, which parents, when to record) live in {@link dln.core.protocol}.
 */
package dln.core.role;
