//! What the view works out from the state and keeps until its key changes (the detail's
//! wrapped rows): drawing takes `&App`, so the slot has interior mutability. Not state: the
//! same key always gives the same value, and forgetting it changes nothing but time.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

pub struct Memo<K, V> {
    slot: RefCell<Option<(K, Rc<V>)>>,
    computed: Cell<usize>,
}

impl<K, V> Default for Memo<K, V> {
    fn default() -> Self {
        Memo {
            slot: RefCell::new(None),
            computed: Cell::new(0),
        }
    }
}

impl<K: PartialEq, V> Memo<K, V> {
    /// The value for `key`: the kept one when the key is the same, else `make()`'s, kept.
    pub fn get_or(&self, key: K, make: impl FnOnce() -> V) -> Rc<V> {
        if let Some((k, v)) = &*self.slot.borrow() {
            if *k == key {
                return Rc::clone(v);
            }
        }
        let value = Rc::new(make());
        self.computed.set(self.computed.get() + 1);
        *self.slot.borrow_mut() = Some((key, Rc::clone(&value)));
        value
    }

    /// How many times a value was made (for tests: once per change, not once per frame).
    pub fn computed(&self) -> usize {
        self.computed.get()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn made_once_per_key() {
        let memo: Memo<u32, String> = Memo::default();
        assert_eq!(*memo.get_or(1, || "a".into()), "a");
        assert_eq!(*memo.get_or(1, || "b".into()), "a");
        assert_eq!(memo.computed(), 1);
        assert_eq!(*memo.get_or(2, || "c".into()), "c");
        assert_eq!(memo.computed(), 2);
    }
}
