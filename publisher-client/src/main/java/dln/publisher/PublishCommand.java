package dln.publisher;

import dln.cli.ClientOptions;
import dln.core.ledger.ConnectionProfile;
import dln.api.view.ModelView;
import dln.core.model.BuiltinModels;
import dln.core.model.ModelSpec;
import dln.core.model.SpecJson;
import dln.core.protocol.DataSource;
import dln.core.protocol.Participant;
import dln.core.protocol.PublicationRequest;
import dln.core.protocol.PublisherWorkflow;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "publish", mixinStandardHelpOptions = true,
        description = "Publish a model: initial weights and one encrypted validation fragment per committee member on IPFS, the model on the ledger (proposed until the committee approves).",
        footer = {"", "Example:", "  ./dln publisher publish --identity org1/User1 --model mlp --mode federated \\",
                "      --committee org1/User2,org2/User2,org3/User2 --quorum 2 --threshold 0.5 --min-updates 4",
                "  ./dln publisher publish --import model.h5 --validation data.csv   (a Keras or ONNX model and its weights)",
                "  ./dln publisher publish --acceptance contribution:3 --privacy epsilon=3,delta=1e-5,noise=1.5,clip=1.0",
                "  ./dln publisher publish --model cifar --validation images:pets:validation   (one sub-folder of PNG/JPEG per class)",
                "  ./dln publisher publish --validation people.csv --schema 'target=income;categorical=job;ignore=id'",
                "  ./dln publisher publish --validation breast-cancer:validation --epochs 2 \\",
                "      --recipe '{\"optimiser\": {\"name\": \"sgd\"}, \"learningRate\": 0.05, \"schedule\": {\"name\": \"cosine\"}}'"})
final class PublishCommand implements Callable<Integer> {
    private static final List<String> BUILTINS = List.of("mlp", "lenet", "cifar");

    @Mixin
    ClientOptions client;
    @Option(names = "--name", defaultValue = "dln model", description = "a human name")
    String name;
    @Option(names = "--model", defaultValue = "mlp", description = "built-in mlp, lenet or cifar, or a JSON model spec file (docs/formats.md)")
    String model;
    @Option(names = "--import", paramLabel = "FILE",
            description = "a Keras HDF5 (.h5) or ONNX (.onnx) model instead of --model: its architecture and weights are published, "
                    + "with the built-in models' training settings (check it offline with import-check FILE)")
    Path importFile;
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec command;
    @Option(names = "--seed", defaultValue = "7", description = "seed of the initial weights and the fragment split")
    long seed;
    @Option(names = "--metric", defaultValue = "accuracy", description = "accuracy or loss (a classification head), rmse or mae (a regression head)")
    String metric;
    @Option(names = "--mode", defaultValue = "federated", description = "federated or gossip")
    String mode;
    @Option(names = "--rule", defaultValue = "fedavg", description = "fedavg, median, trimmed-mean:<beta>, multi-krum:<f>:<m>, norm-clip:<clip>, adaptive-clip:<factor>, centered-clip:<tau>:<iterations> (default ${DEFAULT-VALUE})")
    String rule;
    @Option(names = "--quorum", defaultValue = "2", description = "committee scores that decide an update")
    int quorum;
    @Option(names = "--threshold", defaultValue = "0.5", description = "combined score an update must reach")
    double threshold;
    @Option(names = "--combine", defaultValue = "median", description = "median or reputation_weighted_mean")
    String combine;
    @Option(names = "--unavailable", defaultValue = "abstain",
            description = "what a score recorded as unavailable (a member could not fetch the weights) counts for: abstain (not counted toward "
                    + "the quorum; the update waits, or expires with its round) or reject (counted; a quorum of them rejects the update)")
    String unavailable;
    @Option(names = "--committee", split = ",", description = "member identities (default: the profile's committee role)")
    List<String> committee;
    @Option(names = "--validation", defaultValue = "mnist:validation", description = "validation data split among the members: <dataset>:validation (mnist, breast-cancer, digits),"
            + " images:<folder>[:validation] (one sub-folder per class, resized to the model's input), or a CSV: with --schema its seeded"
            + " 20 % validation split, else a label column and ten classes (default ${DEFAULT-VALUE})")
    String validation;
    @Option(names = "--schema", description = "the --validation CSV's columns: target=<column>[;numeric=<c>,...][;categorical=<c>,...][;ignore=<c>,...];"
            + " the table is split seeded (20 % validation, 20 % test), the normalisation is fitted on its training rows alone and"
            + " published in the recipe (docs/models-and-data.md)")
    String schema;
    @Option(names = "--min-updates", defaultValue = "4", description = "federated: decided updates that close a round")
    int minUpdates;
    @Option(names = "--deadline", defaultValue = "3600", description = "federated: round deadline in seconds (60 or more)")
    long deadline;
    @Option(names = "--max-parents", defaultValue = "" + dln.core.protocol.ParentSelector.DEFAULT_PARENTS,
            description = "gossip: parents per update (default ${DEFAULT-VALUE}: the head and the best contributors of the recent window)")
    int maxParents;
    @Option(names = "--acceptance", defaultValue = "threshold",
            description = "threshold, or contribution[:<k>]: accept unless the update makes the round's aggregate worse by more than k standard errors (docs/protocol.md; default ${DEFAULT-VALUE})")
    String acceptance;
    @Option(names = "--weighting", defaultValue = "claimed",
            description = "aggregation weights: claimed, equal, median_capped, capped:<samples>, optionally ,per-org and ,trust:<power 0-8> (default ${DEFAULT-VALUE})")
    String weighting;
    @Option(names = "--optimiser", defaultValue = "none", description = "federated server optimiser: none, fedavgm, fedadam, fedyogi[:params] (default ${DEFAULT-VALUE})")
    String optimiser;
    @Option(names = "--privacy", defaultValue = dln.core.protocol.LearningPolicy.NO_PRIVACY,
            description = "none, or a differential-privacy budget every update must keep: epsilon=<e>[,delta=<d>][,noise=<sigma>][,clip=<C>], "
                    + "each provider's epsilon at delta on this model, providers training with DP-SGD at noise multiplier sigma and "
                    + "clipping norm C (defaults delta=1e-5, noise=1.5, clip=1.0; docs/privacy.md; default ${DEFAULT-VALUE})")
    String privacy;
    @Option(names = "--recipe", description = "the training recipe every provider applies, or changes to the model's: a JSON file or text in the"
            + " ledger's form, e.g. '{\"localEpochs\": 3, \"schedule\": {\"name\": \"cosine\"}}' (docs/models-and-data.md;"
            + " default: the model's settings)")
    String recipe;
    @Option(names = "--epochs", description = "local epochs per update in the recipe (default: the model's)")
    Integer epochs;
    @Option(names = "--min-local-steps", description = "optimiser steps every update takes at least, through more passes over a small"
            + " provider's data (0: off, the default; docs/protocol.md, \"Small providers\")")
    Integer minLocalSteps;
    @Option(names = "--batch", description = "batch size in the recipe (default: the model's; a built-in on a small dataset: 8)")
    Integer batch;
    @Option(names = "--lr", description = "learning rate in the recipe (default: the model's)")
    Double lr;

    @Override
    public Integer call() throws Exception {
        // Policies, like a spec file, are refused before any data loads.
        final dln.core.protocol.LearningPolicy policy = dln.core.protocol.LearningPolicy.parse(acceptance, weighting, optimiser, privacy);
        // A spec file is read (and refused) before any data; a built-in is sized to the validation data.
        final dln.core.modelimport.ImportedModel imported = imported();
        final boolean builtin = imported == null && BUILTINS.contains(model);
        final ModelSpec fromFile = builtin ? null
                : imported != null ? imported.modelSpec(name, BuiltinModels.mlp().training(), seed) : spec(null);
        final com.google.gson.JsonObject recipeChanges = recipeChanges();
        final dln.core.data.CsvSchema csvSchema = schema == null ? null : dln.core.data.CsvSchema.parse(schema);
        // An image folder is resized to the model's input: a built-in's, or the spec's.
        final List<Integer> input = (builtin ? BuiltinModels.byName(model) : fromFile).architecture().input();
        final DataSource.Prepared prepared = DataSource.prepare(validation, seed, csvSchema, input);
        final dln.core.data.Dataset validationData = prepared.data();
        final ModelSpec spec = withRecipe(builtin ? spec(validationData) : fromFile, builtin, recipeChanges, prepared.preprocessing(),
                policy.privacy() != null && (builtin || imported != null));
        // The committee would decline it (each member checks its fragment); refusing here writes nothing.
        dln.core.model.ArchitecturePlan.of(spec.architecture()).misfit(validationData.numFeatures(), validationData.numClasses(),
                "the validation data " + validation).ifPresent(why -> {
                    throw new IllegalArgumentException(why + "; give validation data the model can take, or a model that takes it");
                });
        final ConnectionProfile profile = client.profile();
        final List<String> members = committee != null && !committee.isEmpty() ? committee : profile.roles().committee();
        members.forEach(profile::resolve);
        final PublicationRequest request = new PublicationRequest(name, spec, metric, mode, rule, quorum, threshold, combine, members,
                validationData, minUpdates, deadline, maxParents, unavailable).with(policy);
        try (Participant me = client.connect(profile, client.identityOr(profile.roles().publisher()))) {
            final ModelView m = new PublisherWorkflow(me, profile).publish(request, imported == null ? null : imported.weights());
            System.out.println(m.id());
            System.err.printf("published %s (%s, %s, %d members%s); it opens when %d approve%n", m.id(), m.mode(), m.aggregation().rule(),
                    m.committee().size(), m.requiresPrivacy() ? ", DP budget " + dln.core.protocol.LearningPolicy.describe(m.privacy()) : "",
                    m.approvalQuorum());
            System.err.printf("training recipe %s: %s%n", m.recipeHash().substring(0, 12), spec.training().describe());
        }
        return 0;
    }

    /** The model of --import (its weights are the initial weights), or null. */
    private dln.core.modelimport.ImportedModel imported() throws Exception {
        if (importFile == null) {
            return null;
        }
        if (command.commandLine().getParseResult().hasMatchedOption("--model")) {
            throw new IllegalArgumentException("give --model or --import, not both");
        }
        return dln.core.modelimport.ModelImport.read(importFile);
    }

    /**
     * The recipe's changes to the model's settings, read before any data: --recipe, then --epochs,
     * --min-local-steps, --batch and --lr. Checked against the recipe's bounds now, so a bad one is refused before anything loads.
     */
    private com.google.gson.JsonObject recipeChanges() throws Exception {
        final com.google.gson.JsonObject changes;
        if (recipe == null) {
            changes = new com.google.gson.JsonObject();
        } else {
            final String text = recipe.trim().startsWith("{") ? recipe : Files.readString(Path.of(recipe));
            try {
                changes = com.google.gson.JsonParser.parseString(text).getAsJsonObject();
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("--recipe must be a JSON object in the ledger's form (docs/models-and-data.md): " + e.getMessage());
            }
        }
        if (epochs != null) {
            changes.addProperty("localEpochs", epochs);
        }
        if (minLocalSteps != null) {
            changes.addProperty("minLocalSteps", minLocalSteps);
        }
        if (batch != null) {
            changes.addProperty("batchSize", batch);
        }
        if (lr != null) {
            changes.addProperty("learningRate", lr);
        }
        dln.api.TrainingRecipe.DEFAULT.with(changes);
        return changes;
    }

    /**
     * {@code spec} with the recipe every provider will apply: a built-in on a small tabular dataset
     * trains with batch 8 (as the session does), the rows of a named tabular dataset go through its
     * preprocessing fitted on its training split, a built-in or imported model under a DP budget DP-SGD's
     * recipe ({@link dln.core.privacy.PrivateTraining}), then the changes given on the command line.
     */
    private ModelSpec withRecipe(final ModelSpec spec, final boolean builtin, final com.google.gson.JsonObject changes,
            final java.util.Optional<dln.core.data.Preprocessing> pre, final boolean privateTraining) {
        dln.core.model.TrainingSpec t = spec.training();
        if (pre.isPresent()) {
            t = t.withPreprocessing(pre.get());
            final int named = validation.indexOf(':');
            if (builtin && named > 0 && dln.core.data.NamedDatasets.names().contains(validation.substring(0, named))) {
                t = new dln.core.model.TrainingSpec(t.optimizer(), t.learningRate(), dln.core.data.NamedDatasets.batchSize(
                        validation.substring(0, validation.indexOf(':'))), t.localEpochs(), t.fedProxMu(), t.optimizerParams(),
                        t.schedule(), t.loss(), t.preprocessing(), t.minLocalSteps());
            }
        }
        // A built-in or imported model under a DP budget trains with DP-SGD's recipe (docs/privacy.md); a spec file keeps its own.
        if (privateTraining) {
            t = dln.core.privacy.PrivateTraining.of(t);
        }
        return spec.withTraining(dln.core.model.TrainingSpec.of(t.recipe().with(changes)));
    }

    private ModelSpec spec(final dln.core.data.Dataset data) throws Exception {
        if (BUILTINS.contains(model)) {
            // A built-in takes the validation data's shape: its features as input, its classes as head.
            return BuiltinModels.byName(model, data.numFeatures(), data.numClasses()).withSeed(seed);
        }
        final Path file = Path.of(model);
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(model, null, model.contains("/") || model.endsWith(".json")
                    ? "no such spec file; give the path of a JSON model spec (docs/formats.md)"
                    : "not a built-in model (mlp, lenet, cifar) nor an existing spec file");
        }
        final String json;
        try {
            json = Files.readString(file);
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new IllegalArgumentException(model + " is not UTF-8 text (a binary file?); give a model spec in JSON, or mlp, lenet or cifar");
        }
        return SpecJson.parse(json).withSeed(seed);
    }
}
