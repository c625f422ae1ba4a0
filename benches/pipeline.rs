//! End-to-end and per-stage benchmarks over the bundled example, scaled 1x, 4x, 16x, 64x
//! (the texts repeated), so the report shows how cost grows with input size.

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use echodiff::tokenize::{Vocab, tokenize};
use echodiff::{Options, Text, compare};
use std::hint::black_box;

const LEFT: &str = include_str!("../data/stockholm-2019/us-state-department.txt");
const RIGHT: &str = include_str!("../data/stockholm-2019/dprk-mfa.txt");

fn scaled(text: &str, times: usize) -> String {
    let mut s = String::with_capacity(text.len() * times);
    for _ in 0..times {
        s.push_str(text);
        s.push('\n');
    }
    s
}

fn benches(c: &mut Criterion) {
    let mut group = c.benchmark_group("compare");
    for times in [1usize, 4, 16, 64] {
        let (l, r) = (scaled(LEFT, times), scaled(RIGHT, times));
        group.throughput(Throughput::Bytes((l.len() + r.len()) as u64));
        group.bench_with_input(BenchmarkId::from_parameter(times), &times, |b, _| {
            b.iter(|| {
                let report = compare(
                    Text::new("l", l.as_str()),
                    Text::new("r", r.as_str()),
                    &Options::default(),
                );
                black_box(report.echoes.len())
            })
        });
    }
    group.finish();
    let mut group = c.benchmark_group("tokenize");
    for times in [1usize, 16, 64] {
        let l = scaled(LEFT, times);
        group.throughput(Throughput::Bytes(l.len() as u64));
        group.bench_with_input(BenchmarkId::from_parameter(times), &times, |b, _| {
            b.iter(|| {
                let mut vocab = Vocab::new();
                black_box(tokenize(&l, &mut vocab).len())
            })
        });
    }
    group.finish();
}

criterion_group!(pipeline, benches);
criterion_main!(pipeline);
