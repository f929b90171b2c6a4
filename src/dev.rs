//! Internals that the project's own examples, benchmarks and tests measure (the `dev`
//! feature, which the project's dev-dependency on itself turns on). Not part of the API:
//! nothing here is stable.

pub use crate::align::eval;
pub use crate::align::similarity::Features;
pub use crate::align::{Params, align_with};
pub use crate::classify::classify_op;
pub use crate::parse::newssniffer;
pub use crate::parse::plain;
pub use crate::text::segment;
