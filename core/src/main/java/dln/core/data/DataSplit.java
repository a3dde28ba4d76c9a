package dln.core.data;

/**
 * A train / validation / test split of one dataset.
 *
 * @param train      for the data providers
 * @param validation for the committee (split further into fragments)
 * @param test       held out for reporting
 */
public record DataSplit(Dataset train, Dataset validation, Dataset test) {
}
