import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;

import dev.simpleftp.client.FtpClient;
import dev.simpleftp.client.TransferResult;
import dev.simpleftp.storage.FileName;
import dev.simpleftp.storage.local.LocalFileStore;

/** One of soak's clients: its loop, on a thread of its own, with a directory of its own. */
final class SoakClient implements Runnable {

	private final Soak soak;

	private final int number;

	private final SplittableRandom random;

	private final CountDownLatch connected;

	private final CountDownLatch go;

	/** Its uploads still on the server, oldest first. */
	private final List<Soak.SoakFile> kept = new ArrayList<>();

	/** Set while an operation is under way; whoever clears it, the client or {@link #abandon}, counts the operation. */
	private final AtomicReference<Soak.Attempt> inFlight = new AtomicReference<>();

	private final ByteBuffer expected = SeededContent.buffer();

	private final ByteBuffer actual = SeededContent.buffer();

	private LocalFileStore store;

	private FtpClient connection;

	private int operations;

	SoakClient(Soak soak, int number, SplittableRandom random, CountDownLatch connected, CountDownLatch go) {
		this.soak = soak;
		this.number = number;
		this.random = random;
		this.connected = connected;
		this.go = go;
	}

	@Override
	public void run() {
		try {
			this.store = MainClasses
				.clientStore(this.soak.clientsDir.resolve(String.format(Locale.ROOT, "c-%03d", this.number)));
			connect();
		}
		catch (IOException ex) {
			this.soak.tally.fail(new Soak.Attempt(Soak.Op.CONNECT, this.number, null, System.nanoTime()), Bench.describe(ex));
		}
		finally {
			this.connected.countDown();
		}
		try {
			this.go.await();
			while (this.store != null && System.nanoTime() < this.soak.stopAt) {
				step();
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		finally {
			disconnect();
		}
	}

	private void step() throws InterruptedException {
		if (this.connection != null && this.random.nextInt(Soak.RECONNECT_ONE_IN) == 0) {
			disconnect();
		}
		if (this.connection == null) {
			if (!connect()) {
				// Not a tight loop of failing connects.
				Thread.sleep(100);
			}
			return;
		}
		if (this.random.nextBoolean()) {
			put();
		}
		else {
			get();
		}
	}

	private boolean connect() {
		Soak.Attempt attempt = begin(Soak.Op.CONNECT, null);
		try {
			long startedAt = System.nanoTime();
			this.connection = FtpClient.connect(this.soak.host, this.soak.port, this.soak.clientTimeout);
			succeed(attempt, System.nanoTime() - startedAt, 0);
			return true;
		}
		catch (IOException | RuntimeException ex) {
			fail(attempt, Bench.describe(ex));
			return false;
		}
	}

	/** A fresh file under a name of its own, checked where the server stores it. */
	private void put() {
		String name = String.format(Locale.ROOT, "c%03d-%06d.bin", this.number, ++this.operations);
		Soak.SoakFile file = new Soak.SoakFile(name, this.random.nextLong(), Soak.size(this.random));
		Path local = this.store.root().resolve(name);
		Soak.Attempt attempt = begin(Soak.Op.PUT, file);
		try {
			SeededContent.write(local, file, this.expected);
			long startedAt = System.nanoTime();
			TransferResult result = this.connection.put(FileName.of(name), this.store);
			long nanos = System.nanoTime() - startedAt;
			String problem = check(this.soak.serverDir.resolve(name), file, result);
			if (problem != null) {
				fail(attempt, "on the server it " + problem);
				return;
			}
			succeed(attempt, nanos, result.bytes());
			keep(file);
		}
		catch (IOException | RuntimeException ex) {
			failed(attempt, ex);
		}
		finally {
			Soak.deleteQuietly(local);
		}
	}

	/** A seeded file, or half the time (when there is one) a file this client put, checked where it arrived. */
	private void get() {
		boolean own = !this.kept.isEmpty() && this.random.nextBoolean();
		List<Soak.SoakFile> from = own ? this.kept : this.soak.seeded;
		Soak.SoakFile file = from.get(this.random.nextInt(from.size()));
		Path local = this.store.root().resolve(file.name());
		Soak.Attempt attempt = begin(Soak.Op.GET, file);
		try {
			long startedAt = System.nanoTime();
			TransferResult result = this.connection.get(FileName.of(file.name()), this.store);
			long nanos = System.nanoTime() - startedAt;
			String problem = check(local, file, result);
			if (problem != null) {
				fail(attempt, "what arrived " + problem);
				return;
			}
			succeed(attempt, nanos, result.bytes());
		}
		catch (IOException | RuntimeException ex) {
			failed(attempt, ex);
		}
		finally {
			Soak.deleteQuietly(local);
		}
	}

	private String check(Path arrived, Soak.SoakFile file, TransferResult result) throws IOException {
		if (result.bytes() != file.size()) {
			return "was said to be " + result.bytes() + " bytes, not " + file.size();
		}
		return SeededContent.mismatch(arrived, file, this.expected, this.actual);
	}

	private void keep(Soak.SoakFile file) {
		this.kept.add(file);
		if (this.kept.size() > Soak.KEPT_PER_CLIENT) {
			Soak.deleteQuietly(this.soak.serverDir.resolve(this.kept.remove(0).name()));
		}
	}

	private Soak.Attempt begin(Soak.Op op, Soak.SoakFile file) {
		Soak.Attempt attempt = new Soak.Attempt(op, this.number, file, System.nanoTime());
		this.inFlight.set(attempt);
		return attempt;
	}

	private void succeed(Soak.Attempt attempt, long nanos, long bytes) {
		if (this.inFlight.compareAndSet(attempt, null)) {
			this.soak.tally.done(attempt.op(), nanos, bytes);
		}
	}

	private void fail(Soak.Attempt attempt, String why) {
		if (this.inFlight.compareAndSet(attempt, null)) {
			this.soak.tally.fail(attempt, why);
		}
	}

	/** A failure; after one that closed the connection, the next step opens another. */
	private void failed(Soak.Attempt attempt, Exception ex) {
		fail(attempt, Bench.describe(ex));
		if (!this.connection.isOpen()) {
			disconnect();
		}
	}

	/** Counts what is still under way as failed, if anything; true if it was. */
	boolean abandon() {
		Soak.Attempt attempt = this.inFlight.getAndSet(null);
		if (attempt == null) {
			return false;
		}
		this.soak.tally.fail(attempt, "still under way " + Soak.GRACE.toSeconds() + " s after the end");
		return true;
	}

	private void disconnect() {
		if (this.connection != null) {
			this.connection.close();
			this.connection = null;
		}
	}

}
