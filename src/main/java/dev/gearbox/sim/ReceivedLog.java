package dev.gearbox.sim;

import java.util.ArrayDeque;
import java.util.List;

/** The last {@code capacity} received requests, oldest first; older ones are dropped. */
final class ReceivedLog {
  private final int capacity;
  private final ArrayDeque<ReceivedRequest> requests = new ArrayDeque<>();

  ReceivedLog(int capacity) {
    this.capacity = capacity;
  }

  synchronized void add(ReceivedRequest request) {
    if (capacity == 0) {
      return;
    }
    if (requests.size() == capacity) {
      requests.removeFirst();
    }
    requests.addLast(request);
  }

  synchronized List<ReceivedRequest> snapshot() {
    return List.copyOf(requests);
  }

  synchronized void clear() {
    requests.clear();
  }
}
