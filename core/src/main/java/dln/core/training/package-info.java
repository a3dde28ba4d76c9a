/**
 * Local training with SameDiff ({@link dln.core.training.LocalTrainer}): epochs, batch size,
 * optimiser and FedProx from the model's {@link dln.core.model.TrainingSpec}; progress through
 * {@link dln.core.training.TrainingListener}; native thread pinning.
 */
package dln.core.training;
