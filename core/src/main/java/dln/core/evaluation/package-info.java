/** Accuracy, loss and per-class accuracy (classification) or MSE, MAE and RMSE (regression) of a parameter vector, one reusable graph per architecture. */
package dln.core.evaluation;
