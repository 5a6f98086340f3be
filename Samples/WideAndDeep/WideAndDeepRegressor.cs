using NetGen;

namespace NetGen.Samples.WideAndDeep;

/// <summary>
/// The wide &amp; deep regressor of Géron's Hands-On Machine Learning (chapter 10, the functional API): the deep input
/// goes through two Dense(30, relu) layers, the wide input skips them, and Concatenate joins the two before a linear
/// output. SGD as in the tutorial, but at a learning rate of 1e-2 rather than its 1e-3: the tutorial trains on 11,610
/// California housing districts (363 steps an epoch), this sample on 265 diabetes patients (9 steps an epoch of 32). At
/// 1e-3, 200 epochs (1,800 steps) are often not enough — the validation loss is still falling at epoch 200, so EarlyStopping
/// never acts; at 1e-2 it converges in 20–60 epochs to the same test MSE (within the noise of an 89-patient test part).
/// </summary>
[Network]
[Input("wide", 5)]
[Input("deep", 6)]
[Dense(30, Activation.Relu, From = "deep")]
[Dense(30, Activation.Relu)]
[Concatenate("wide", "dense_1")]
[Dense(1)]
[Compile(Loss.MeanSquaredError, Optimizer.Sgd, LearningRate = 1e-2)]
public partial class WideAndDeepRegressor;
