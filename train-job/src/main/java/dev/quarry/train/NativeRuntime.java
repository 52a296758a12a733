package dev.quarry.train;

import com.sun.jna.Library;
import com.sun.jna.Native;

/**
 * Chooses, once per process and before the PyTorch engine loads, how the native library uses the CPU, and
 * says what it chose ({@link #describe}).
 *
 * <ul>
 *   <li><b>Threads</b>: intra-op threads = the cores this JVM may use ({@link Runtime#availableProcessors},
 *       which honours cgroup limits and {@code taskset}); one inter-op thread (Quarry runs no parallel graph
 *       branches). DJL reads both from the system properties {@code ai.djl.pytorch.num_threads} and
 *       {@code ai.djl.pytorch.num_interop_threads}; values the user set are kept.
 *   <li><b>OpenMP wait policy</b>: {@code PASSIVE} unless the environment already names one. With libgomp's
 *       default (spin, then sleep) every parallel region ends with threads spinning for the slowest one; when
 *       another process takes a core, the spinning thread burns the time slice its partner needs, and a step
 *       takes 3× as long instead of 2× (measured with {@code quarry bench train}; see README "Performance").
 *       libgomp reads {@code OMP_WAIT_POLICY} from the environment when it is loaded, which happens when the
 *       engine loads, so the variable is set in this process's environment with libc {@code setenv} (JNA)
 *       before that.
 *   <li><b>Allocator</b>: glibc's {@code mallopt} with a 32 MiB mmap threshold, a 1 GiB trim threshold and a
 *       256 MiB top pad, the runtime equivalent of
 *       {@code GLIBC_TUNABLES=glibc.malloc.mmap_threshold=33554432:glibc.malloc.trim_threshold=1073741824:glibc.malloc.top_pad=268435456}:
 *       a training step's activations (a few MiB each) otherwise go through {@code mmap}/{@code munmap} and
 *       page faults every step. Constants from glibc's {@code malloc.h} ({@code M_TRIM_THRESHOLD = -1},
 *       {@code M_TOP_PAD = -2}, {@code M_MMAP_THRESHOLD = -3}).
 * </ul>
 *
 * <p>Anything that cannot be applied (no glibc, no JNA native support) is skipped and named in
 * {@link #describe}; nothing here is required for correctness, only for speed.
 */
public final class NativeRuntime {

  /** Environment variable of libgomp's wait policy. */
  public static final String OMP_WAIT_POLICY = "OMP_WAIT_POLICY";

  /** glibc {@code mallopt} parameter numbers (malloc.h). */
  private static final int M_TRIM_THRESHOLD = -1;
  private static final int M_TOP_PAD = -2;
  private static final int M_MMAP_THRESHOLD = -3;

  private static final int MMAP_THRESHOLD_BYTES = 32 << 20;
  private static final int TRIM_THRESHOLD_BYTES = 1 << 30;
  private static final int TOP_PAD_BYTES = 256 << 20;

  private static String description;

  private NativeRuntime() {}

  /** The parts of libc used here. */
  private interface LibC extends Library {
    int setenv(String name, String value, int overwrite);

    int mallopt(int param, int value);
  }

  /**
   * Applies the choices (first call only; later calls return the first description).
   *
   * @return one line naming the thread counts, the wait policy and the allocator settings, and where each came from
   */
  public static synchronized String configure() {
    if (description != null) {
      return description;
    }
    int cores = Runtime.getRuntime().availableProcessors();
    String threads = System.getProperty("ai.djl.pytorch.num_threads");
    String threadsSource = "user";
    if (threads == null) {
      threads = Integer.toString(cores);
      threadsSource = "cores";
      System.setProperty("ai.djl.pytorch.num_threads", threads);
    }
    if (System.getProperty("ai.djl.pytorch.num_interop_threads") == null) {
      System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
    }
    String policy = System.getenv(OMP_WAIT_POLICY);
    String policySource = "environment";
    String malloc;
    LibC libc = null;
    String libcError = "";
    try {
      libc = Native.load("c", LibC.class);
    } catch (Throwable e) { // UnsatisfiedLinkError on systems without a loadable libc
      libcError = " (libc not loadable: " + e.getClass().getSimpleName() + ")";
    }
    if (policy == null || policy.isBlank()) {
      if (libc != null && libc.setenv(OMP_WAIT_POLICY, "PASSIVE", 0) == 0) {
        policy = "PASSIVE";
        policySource = "Quarry's default";
      } else {
        policy = "libgomp default";
        policySource = "could not be set";
      }
    }
    if (libc == null) {
      malloc = "default" + libcError;
    } else {
      boolean ok;
      try {
        ok = libc.mallopt(M_MMAP_THRESHOLD, MMAP_THRESHOLD_BYTES) == 1
            & libc.mallopt(M_TRIM_THRESHOLD, TRIM_THRESHOLD_BYTES) == 1
            & libc.mallopt(M_TOP_PAD, TOP_PAD_BYTES) == 1;
      } catch (Throwable e) { // UnsatisfiedLinkError: a libc without mallopt (not glibc)
        ok = false;
      }
      malloc = ok ? "mmap threshold 32 MiB, trim threshold 1 GiB, top pad 256 MiB" : "default (mallopt refused)";
    }
    description = String.format("native runtime: %s intra-op threads (%s; %d cores), 1 inter-op thread, "
        + "OpenMP wait policy %s (%s), malloc %s", threads, threadsSource, cores, policy, policySource, malloc);
    return description;
  }

  /**
   * The device the engine computes on, for the log: {@code "cpu"} or {@code "gpu 0"}. Loads the engine.
   *
   * @return the default device's type and, for a GPU, its index
   */
  public static String device() {
    ai.djl.Device d = ai.djl.engine.Engine.getInstance().defaultDevice();
    return d.isGpu() ? "gpu " + d.getDeviceId() : d.getDeviceType();
  }
}
