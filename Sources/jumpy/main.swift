import Foundation
import Learning
import Tensor

// Until the workbench lands, the main job is a small demonstration that the core learns:
// a residual MLP fits y = sin(3x) with Adam, and the loss falls.
BLASKernel.restartWithFasterKernelIfNeeded()
var rng = SeededGenerator(seed: 0)
let x = Tensor.randomUniform([256, 1], low: -1, high: 1, using: &rng)
let y = Tensor(shape: [256, 1], scalars: x.scalars.map { Float(Foundation.sin(3 * Double($0))) })
let mlp = ResidualMLP("mlp", inputs: 1, hidden: 32, outputs: 1, using: &rng)
var adam = Adam(mlp.parameters, learningRate: 1e-2)
print("jumpy: fitting sin(3x) with a residual MLP (seed 0)")
for step in 0...500 {
    adam.zeroGrad()
    let loss = (mlp(x) - y).square().mean()
    loss.backward()
    adam.step()
    if step % 100 == 0 { print("step \(step)  loss \(String(format: "%.6f", loss.item))") }
}
