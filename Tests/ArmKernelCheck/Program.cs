// The kernel tests that compare each SIMD path with its scalar reference, run without a test host: CI publishes this
// for linux-arm64 (NativeAOT) and runs it under qemu-aarch64-static, so the Vector128 path is proven on AdvSimd/NEON.
//
//   ArmKernelCheck [TEXT]   runs the tests whose Class.Method contains TEXT (all when omitted); exits 1 on a failure.
using System;
using System.Runtime.InteropServices;
using NetGen.Tests;
using NetGen.Tests.Runtime;

Type[] testClasses =
[
    typeof(KernelParityTests),      // every generated Dense kernel's paths against its scalar twin
    typeof(ConvolutionKernelTests), // the generated convolution kernels against their references
    typeof(PoolingKernelTests),     // pooling, zero padding, spatial dropout against PoolingReference
    typeof(VectorMathTests),        // the vectorized sigmoid and tanh against double precision
    typeof(CellMathTests),          // the recurrent cells' elementwise kernels against their formulas
];
Console.WriteLine($"Kernel tests on {RuntimeInformation.ProcessArchitecture}, kernels: {NetGen.Kernels.Simd.ActivePath}.");
return TestRunner.Run(testClasses, args.Length > 0 ? args[0] : "") ? 0 : 1;
