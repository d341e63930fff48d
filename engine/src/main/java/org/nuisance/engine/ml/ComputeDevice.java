package org.nuisance.engine.ml;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;
import java.util.Locale;
import org.nuisance.engine.data.InputException;

/**
 * Where the neural networks run: the one seam between the engine and DJL's CPU/GPU devices. DJL runs
 * offline unless {@code -Dai.djl.offline=false} is given: the PyTorch CPU natives ship in a jar, so
 * nothing is downloaded. A GPU needs a CUDA libtorch that DJL can find (PYTORCH_LIBRARY_PATH or online).
 */
public final class ComputeDevice {

    /** The DJL engine the networks run on, named so that another engine on the class path cannot take over. */
    public static final String ENGINE = "PyTorch";

    /** What the user asked for. */
    public enum Choice {
        /** A GPU when DJL finds one, else the CPU. */
        AUTO,
        CPU,
        GPU;

        /** Parses "auto", "cpu" or "gpu" (any case). */
        public static Choice parse(String text) {
            String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
            return switch (t) {
                case "auto" -> AUTO;
                case "cpu" -> CPU;
                case "gpu" -> GPU;
                default -> throw new InputException("--device must be auto, cpu or gpu, got '" + text + "'");
            };
        }
    }

    private ComputeDevice() {
    }

    /** Makes DJL offline unless the user set ai.djl.offline explicitly; call before DJL's engine loads. */
    public static synchronized Engine engine() {
        if (System.getProperty("ai.djl.offline") == null) {
            System.setProperty("ai.djl.offline", "true");
        }
        // DJL's start-up chatter (platform, thread counts, CUDA probing) is not for terminal users; slf4j-simple
        // reads these when DJL creates its loggers, so a user's own -D settings still win.
        quietLogger("ai.djl", "warn");
        quietLogger("ai.djl.util.cuda.CudaUtils", "error");
        if (System.getProperty("ai.djl.pytorch.num_threads") == null) {
            // Read by DJL's PyTorch engine at start-up; see trainingThreads() for the measurements behind 1.
            System.setProperty("ai.djl.pytorch.num_threads", "1");
        }
        return Engine.getEngine(ENGINE);
    }

    private static void quietLogger(String name, String level) {
        String key = "org.slf4j.simpleLogger.log." + name;
        if (System.getProperty(key) == null && System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
            System.setProperty(key, level);
        }
    }

    private static volatile int gpuCount = -1;

    /** Number of GPUs DJL's PyTorch engine can use (0 with the CPU-only natives); asked once per process. */
    public static int gpuCount() {
        int n = gpuCount;
        if (n < 0) {
            n = engine().getGpuCount();
            gpuCount = n;
        }
        return n;
    }

    /** The DJL device for a choice; GPU when none is found is an input error. */
    public static Device resolve(Choice choice) {
        return switch (choice) {
            case CPU -> {
                engine();
                yield Device.cpu();
            }
            case GPU -> {
                if (gpuCount() == 0) {
                    throw new InputException("--device gpu: DJL's PyTorch engine found no GPU (the bundled natives are "
                            + "CPU-only; point PYTORCH_LIBRARY_PATH at a CUDA libtorch " + engine().getVersion()
                            + " or run online; -Dorg.slf4j.simpleLogger.log.ai.djl=debug shows DJL's probing)");
                }
                yield Device.gpu();
            }
            case AUTO -> gpuCount() > 0 ? Device.gpu() : Device.cpu();
        };
    }

    /** A one-line description of the device {@link Choice#AUTO} picks, for a status bar. */
    public static String describe() {
        return describe(Choice.AUTO);
    }

    /** A one-line description of the device a choice resolves to, e.g. "cpu (PyTorch 2.7.1 via DJL 0.36.0, 2 threads, offline)". */
    public static String describe(Choice choice) {
        Device d = resolve(choice);
        Engine e = engine();
        String where = d.isGpu() ? "device " + d.getDeviceId() + " of " + gpuCount()
                : cpuThreads() + (cpuThreads() == 1 ? " intra-op thread" : " intra-op threads");
        return String.format(Locale.ROOT, "%s (%s %s via DJL %s, %s%s)", d.isGpu() ? "gpu" : "cpu",
                e.getEngineName(), e.getVersion(), Engine.getDjlVersion(), where,
                Boolean.getBoolean("ai.djl.offline") ? ", offline" : "");
    }

    private static volatile int trainingThreads = Integer.getInteger("nuisance.ml.trainingThreads", 1);

    /**
     * PyTorch intra-op threads used while training on the CPU (default 1, or -Dnuisance.ml.trainingThreads).
     * Scoring uses the process-wide count, also 1 by default (-Dai.djl.pytorch.num_threads=N or
     * {@link #setCpuThreads} to change). Measured on the shared 2-core machine, default 4 x 64 network,
     * batch 1024, 200k generated events, with other builds running (load 7-10): training at 1 thread
     * 85-210k events/s, at 2 threads 7-45k; scoring at 1 thread 230-510k events/s, at 2 threads 60-320k
     * (OpenMP workers spin against each other and other processes on small matrix products). Only on an idle
     * machine were 2 threads faster, for scoring (1.16M vs 0.69M events/s). Results were bit-identical.
     */
    public static int trainingThreads() {
        return trainingThreads;
    }

    public static void setTrainingThreads(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("training threads must be >= 1, got " + threads);
        }
        trainingThreads = threads;
    }

    /** PyTorch's intra-op thread count on the CPU. */
    public static int cpuThreads() {
        engine();
        return JniUtils.getNumThreads();
    }

    /**
     * Sets PyTorch's intra-op thread count (process-wide default; PyTorch applies it to each thread as it
     * starts parallel work).
     */
    public static void setCpuThreads(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
        engine();
        JniUtils.setNumThreads(threads);
    }
}
