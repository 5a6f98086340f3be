"""Residual MLP (NetGen's graph networks): Flatten, Dense(256, relu) "stem", Dense(256, relu), Dense(256),
Add(stem, dense_1), ReLU, Dense(10, softmax); SCCE; Adam; 2 epochs, batch 32. Inputs / 255 as mlp.py.
Lives in NetGen's Bench/peers and imports ../shared/peers/common.py (the runner puts it on PYTHONPATH)."""
from common import *   # first: selects the BLAS before torch loads


class Residual(nn.Module):
    def __init__(self):
        super().__init__()
        self.stem = nn.Linear(784, 256)
        self.dense = nn.Linear(256, 256)
        self.dense_1 = nn.Linear(256, 256)
        self.out = nn.Linear(256, 10)               # softmax folded into the loss

    def forward(self, x):
        stem = F.relu(self.stem(torch.flatten(x, 1)))
        branch = self.dense_1(F.relu(self.dense(stem)))
        return self.out(F.relu(stem + branch))


a = args(epochs=2, batch=32)
x, y, xt, yt = fashion_mnist()
model = keras_init(Residual())
opt = keras_adam(model.parameters())
times = train(model, opt, F.cross_entropy, x, y, a.epochs, a.batch, acc_fn=argmax_acc)
acc, t_inf = evaluate(model, xt, yt, argmax_acc, batch=32)
report("residual", a, times, x.shape[0], acc, t_inf, 32, dense_train_flops([784, 256, 256, 256, 10]))
