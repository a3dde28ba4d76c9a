/** Accuracy, loss and per-class accuracy of a parameter vector, one reusable graph per architecture. */
package dln.core.evaluation;
