//! Core value types shared by every stage: [`Text`], [`Span`], [`Side`] and [`Pair`].

use serde::Serialize;
use std::ops::{Index, IndexMut, Range};

/// A byte range into an original text, end exclusive, always on char boundaries.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize)]
pub struct Span {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
}

impl Span {
    /// A span from `start` to `end` (end exclusive).
    pub fn new(start: usize, end: usize) -> Self {
        Span { start, end }
    }

    /// Length in bytes.
    pub fn len(&self) -> usize {
        self.end.saturating_sub(self.start)
    }

    /// True when the span covers no bytes.
    pub fn is_empty(&self) -> bool {
        self.end <= self.start
    }

    /// The smallest span covering both.
    pub fn cover(&self, other: &Span) -> Span {
        Span::new(self.start.min(other.start), self.end.max(other.end))
    }

    /// Number of bytes shared by the two spans.
    pub fn overlap(&self, other: &Span) -> usize {
        self.end
            .min(other.end)
            .saturating_sub(self.start.max(other.start))
    }

    /// True when `other` lies inside `self`.
    pub fn contains(&self, other: &Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }

    /// The byte range, for slicing.
    pub fn range(&self) -> Range<usize> {
        self.start..self.end
    }
}

/// One of the two texts being compared.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Side {
    /// The first text (the one that is echoed).
    Left,
    /// The second text (the one that echoes).
    Right,
}

impl Side {
    /// Both sides, left first.
    pub const BOTH: [Side; 2] = [Side::Left, Side::Right];

    /// The other side.
    pub fn other(self) -> Side {
        match self {
            Side::Left => Side::Right,
            Side::Right => Side::Left,
        }
    }
}

/// Per-side data: one value for the left text and one for the right.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct Pair<T> {
    /// The left text's value.
    pub left: T,
    /// The right text's value.
    pub right: T,
}

impl<T> Pair<T> {
    /// A pair from its two values.
    pub fn new(left: T, right: T) -> Self {
        Pair { left, right }
    }

    /// Apply `f` to both values.
    pub fn map<U>(self, mut f: impl FnMut(T) -> U) -> Pair<U> {
        Pair::new(f(self.left), f(self.right))
    }

    /// Borrow both values.
    pub fn as_ref(&self) -> Pair<&T> {
        Pair::new(&self.left, &self.right)
    }

    /// Swap left and right.
    pub fn swap(self) -> Pair<T> {
        Pair::new(self.right, self.left)
    }
}

impl<T> Index<Side> for Pair<T> {
    type Output = T;
    fn index(&self, side: Side) -> &T {
        match side {
            Side::Left => &self.left,
            Side::Right => &self.right,
        }
    }
}

impl<T> IndexMut<Side> for Pair<T> {
    fn index_mut(&mut self, side: Side) -> &mut T {
        match side {
            Side::Left => &mut self.left,
            Side::Right => &mut self.right,
        }
    }
}

/// An input text: a label for display and the original string, untouched.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Text {
    /// What the user calls this text (a file name or a `--labels` value).
    pub label: String,
    /// The text exactly as read (after BOM removal and decoding).
    pub original: String,
}

impl Text {
    /// A text from a label and its content.
    pub fn new(label: impl Into<String>, original: impl Into<String>) -> Self {
        Text {
            label: label.into(),
            original: original.into(),
        }
    }

    /// The slice of the original covered by `span` (empty if the span is invalid).
    pub fn slice(&self, span: Span) -> &str {
        self.original.get(span.range()).unwrap_or("")
    }
}
