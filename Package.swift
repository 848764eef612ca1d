// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "jumpy",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "jumpy", targets: ["jumpy"]),
        .executable(name: "jumpy-bench", targets: ["jumpy-bench"]),
        .library(name: "Tensor", targets: ["Tensor"]),
        .library(name: "Physics", targets: ["Physics"]),
        .library(name: "Learning", targets: ["Learning"]),
        .library(name: "Planning", targets: ["Planning"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    ],
    targets: [
        // MARK: - System libraries (Debian: libopenblas-dev, libedit-dev, zlib1g-dev, libgif-dev,
        // libcairo2-dev, libzmq3-dev, libssl-dev)

        // pkg-config `openblas` points at OpenBLAS itself; the bare cblas.h is a Debian
        // alternative that may resolve to the reference BLAS.
        .systemLibrary(name: "CBLAS", pkgConfig: "openblas",
                       providers: [.apt(["libopenblas-dev"])]),
        .systemLibrary(name: "CEditLine", pkgConfig: "libedit",
                       providers: [.apt(["libedit-dev"])]),
        .systemLibrary(name: "CZlib", pkgConfig: "zlib",
                       providers: [.apt(["zlib1g-dev"])]),
        .systemLibrary(name: "CGif", pkgConfig: "libgif",
                       providers: [.apt(["libgif-dev"])]),
        // PNG and GIF frames are drawn by Cairo, text in DejaVu Sans (fonts-dejavu-core).
        .systemLibrary(name: "CCairo", pkgConfig: "cairo",
                       providers: [.apt(["libcairo2-dev"])]),
        // The Jupyter kernel's transport and its message signatures.
        .systemLibrary(name: "CZeroMQ", pkgConfig: "libzmq",
                       providers: [.apt(["libzmq3-dev"])]),
        .systemLibrary(name: "CCrypto", pkgConfig: "libcrypto",
                       providers: [.apt(["libssl-dev"])]),

        // MARK: - Core

        // The products and element-wise kernels, each in AVX-512, AVX2 and portable code that
        // give the same bits (OpenBLAS is only the benchmarks' reference).
        .target(name: "CKernels"),
        .target(name: "Tensor", dependencies: ["CKernels"]),
        .target(name: "Physics", dependencies: ["Tensor"]),
        .target(name: "Learning", dependencies: ["Tensor"]),
        .target(name: "Planning", dependencies: ["Tensor", "Physics", "Learning"]),
        .target(name: "Plotting", dependencies: ["CZlib", "CGif", "CCairo"]),
        // The planning table: success against budget, resumable, as Markdown, TSV and PNG.
        .target(name: "PlanningTable", dependencies: ["Tensor", "Physics", "Planning", "Plotting"]),

        // MARK: - Front end

        .target(name: "Workbench", dependencies: ["Tensor", "Physics", "Learning", "Planning", "Plotting"]),
        // Parameter sweeps: a template over axes, run point by point in a directory that resumes
        // and merges (`jumpy sweep`, `point`, `merge`).
        .target(name: "Sweeps", dependencies: ["Tensor", "Workbench"]),
        .target(name: "LineEditor", dependencies: ["CEditLine"]),
        // Seeded hostile input for the interpreter and the file readers (bench and tests).
        .target(name: "Fuzzing", dependencies: ["Tensor", "Workbench", "LineEditor"]),
        // The Jupyter kernel: the wire protocol (frames, signatures, messages) over ZeroMQ, and
        // the loop that runs cells through the workbench's interpreter.
        .target(name: "JupyterKernel", dependencies: ["Workbench", "Plotting", "CZeroMQ", "CCrypto"]),

        // MARK: - Executables

        .executableTarget(name: "jumpy", dependencies: [
            "Tensor", "Learning", "Workbench", "Sweeps", "LineEditor", "JupyterKernel",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
        .executableTarget(name: "jumpy-bench", dependencies: [
            "Tensor", "Physics", "Learning", "Planning", "PlanningTable", "Plotting", "CBLAS", "CKernels", "Fuzzing", "JupyterKernel",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),

        // MARK: - Tests

        .target(name: "TestSupport", dependencies: ["Tensor"], path: "Tests/TestSupport"),
        .testTarget(name: "TensorTests", dependencies: ["Tensor", "TestSupport"]),
        .testTarget(name: "PhysicsTests", dependencies: ["Physics", "TestSupport"],
                    resources: [.copy("Resources")]),
        .testTarget(name: "LearningTests", dependencies: ["Learning", "TestSupport"],
                    resources: [.copy("Resources")]),
        .testTarget(name: "PlanningTests", dependencies: ["Planning", "TestSupport"]),
        .testTarget(name: "PlanningTableTests", dependencies: ["PlanningTable", "Planning", "Learning", "TestSupport"]),
        .testTarget(name: "PlottingTests", dependencies: ["Plotting", "TestSupport"]),
        .testTarget(name: "JupyterKernelTests", dependencies: ["JupyterKernel", "Workbench", "TestSupport"],
                    exclude: ["clients.py"]),
        .testTarget(name: "SweepsTests", dependencies: ["Sweeps", "Workbench", "Tensor", "TestSupport"]),
        .testTarget(name: "WorkbenchTests", dependencies: ["Tensor", "Workbench", "LineEditor", "Plotting", "TestSupport", "Fuzzing"]),
    ]
)
