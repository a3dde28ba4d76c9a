package dln.core.model;

import java.io.File;
import java.io.IOException;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * Turns a flat parameter vector into a standard DL4J {@link MultiLayerNetwork} (NCHW), for users
 * who want a plain DL4J model file. The mapping is a pure permutation (design.md): conv W goes
 * from [kH, kW, in, out] to DL4J's [out, in, kH, kW]; dense W keeps its logical [nIn, nOut] shape;
 * the flatten between conv and dense layers is c-order over [C, H, W] on both sides.
 */
public final class MultiLayerNetworkExport {
    private MultiLayerNetworkExport() {
    }

    /** A network with exactly these parameters. */
    public static MultiLayerNetwork toNetwork(ArchitecturePlan plan, float[] params) {
        if (params.length != plan.parameterCount()) {
            throw new IllegalArgumentException("parameter vector has " + params.length + " values, expected "
                    + plan.parameterCount());
        }
        NeuralNetConfiguration.ListBuilder list = new NeuralNetConfiguration.Builder()
                .seed(0).updater(new Adam(1e-3)).list();
        for (LayerPlan l : plan.layers()) {
            LayerSpec s = l.spec();
            switch (s.type()) {
                case "conv2d" -> list.layer(new ConvolutionLayer.Builder(s.kernel(), s.kernel())
                        .stride(s.stride(), s.stride()).nOut(s.filters()).activation(activation(s.activation()))
                        .convolutionMode(mode(s)).build());
                case "maxpool" -> list.layer(new SubsamplingLayer.Builder(PoolingType.MAX)
                        .kernelSize(s.kernel(), s.kernel()).stride(s.stride(), s.stride())
                        .convolutionMode(mode(s)).build());
                case "avgpool" -> list.layer(new SubsamplingLayer.Builder(PoolingType.AVG)
                        .avgPoolIncludePadInDivisor(false)
                        .kernelSize(s.kernel(), s.kernel()).stride(s.stride(), s.stride())
                        .convolutionMode(mode(s)).build());
                case "dense" -> list.layer(new DenseLayer.Builder().nOut(s.units())
                        .activation(activation(s.activation())).build());
                case "output" -> {
                    if (plan.head().kind() != Head.Kind.SOFTMAX) {
                        throw new IllegalArgumentException("export takes the softmax head only; " + l.where() + " is "
                                + s.activation() + "/" + s.loss());
                    }
                    list.layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
                        .nOut(s.units()).activation(Activation.SOFTMAX).build());
                }
                default -> throw new IllegalArgumentException("export takes dense, conv2d, maxpool, avgpool and the softmax head; "
                        + l.where() + " has no MultiLayerNetwork counterpart here");
            }
        }
        var in = plan.spec().input();
        list.setInputType(plan.imageInput()
                ? InputType.convolutionalFlat(in.get(1), in.get(2), in.get(0))
                : InputType.feedForward(in.get(0)));
        MultiLayerNetwork net = new MultiLayerNetwork(list.build());
        net.init();
        for (ParamSpec p : plan.params()) {
            INDArray target = net.getLayer(p.layer()).getParam(p.bias() ? "b" : "W");
            float[] part = new float[p.arrayLength()];
            System.arraycopy(params, p.arrayOffset(), part, 0, part.length);
            INDArray src = Nd4j.create(part, p.shapeLongs(), 'c');
            if (!p.bias() && p.shape().size() == 4) {
                src = src.permute(3, 2, 0, 1);
            }
            target.assign(src.reshape(target.shape()));
        }
        return net;
    }

    /** Writes the network as a DL4J model zip that {@code ModelSerializer.restoreMultiLayerNetwork} loads. */
    public static void writeZip(ArchitecturePlan plan, float[] params, File file) throws IOException {
        ModelSerializer.writeModel(toNetwork(plan, params), file, false);
    }

    private static ConvolutionMode mode(LayerSpec s) {
        return "same".equals(s.padding()) ? ConvolutionMode.Same : ConvolutionMode.Truncate;
    }

    private static Activation activation(String name) {
        return switch (name) {
            case "relu" -> Activation.RELU;
            case "tanh" -> Activation.TANH;
            case "sigmoid" -> Activation.SIGMOID;
            case "identity" -> Activation.IDENTITY;
            default -> throw new IllegalArgumentException("unsupported activation " + name);
        };
    }
}
