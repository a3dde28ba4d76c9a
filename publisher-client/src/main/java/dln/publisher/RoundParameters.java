package dln.publisher;

import picocli.CommandLine.Parameters;

/** MODEL ROUND: the positional parameters of the commands that act on one round of a model. */
final class RoundParameters {
    @Parameters(index = "0", paramLabel = "MODEL", description = "model id")
    String modelId;
    @Parameters(index = "1", paramLabel = "ROUND", description = "the model's current round")
    int round;
}
