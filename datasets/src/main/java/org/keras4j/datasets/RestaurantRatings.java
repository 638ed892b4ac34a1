package org.keras4j.datasets;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.TreeSet;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The Restaurant &amp; consumer data's ratings (UCI), a small explicit-ratings set for collaborative
 * filtering: 1161 ratings of 130 restaurants by 138 users of Mexico (San Luis Potosí), about 6.5 %
 * of the user x restaurant matrix, each user rating 3 to 18 places.
 *
 * <p>{@link #load()} reads the bundled {@code rating_final.csv} (header
 * {@code userID,placeID,rating,food_rating,service_rating}; only the first three columns are read)
 * into a rating matrix {@code [138, 130]}: rows are users in the order of their IDs
 * ({@code U1001} first), columns restaurants by ascending {@code placeID}; the overall rating 0, 1,
 * 2 (poor, fair, good) becomes level 1, 2, 3, and 0 marks a restaurant the user did not rate, the
 * layout {@code RatingRBM} takes.
 *
 * <p>Creators: Blanca Vargas-Govea, Juan Gabriel González-Serna, Rafael Ponce-Medellín (CENIDET,
 * Mexico), 2012. Licence: CC BY 4.0 (https://creativecommons.org/licenses/by/4.0/), as the UCI
 * Machine Learning Repository states; source: https://archive.ics.uci.edu/dataset/232/restaurant+consumer+data.
 * Cite: B. Vargas-Govea, G. González-Serna, R. Ponce-Medellín, "Effects of relevant contextual
 * features in the performance of a restaurant recommender system", RecSys'11 CARS-2011 workshop.
 * The bundled copy and its provenance are the resources {@code org/keras4j/datasets/rating_final.csv},
 * {@code RESTAURANT_RATINGS_SOURCE.md} and {@code DATA_LICENSE.md}.
 *
 * <pre>{@code
 * RestaurantRatings.Ratings all = RestaurantRatings.load();
 * RestaurantRatings.Ratings[] split = all.holdOut(0.2, 42);   // known and held-out ratings, same shape
 * RatingRBM cf = RatingRBM.builder(all.items().size(), RestaurantRatings.LEVELS, 32).build();
 * }</pre>
 */
public final class RestaurantRatings {
    /** Rating levels of the matrix: the file's 0, 1, 2 are levels 1, 2, 3. */
    public static final int LEVELS = 3;

    private static final String RESOURCE = "rating_final.csv";

    private RestaurantRatings() {
    }

    /**
     * A user x item rating matrix.
     *
     * @param users   row names (user IDs)
     * @param items   column names (place IDs)
     * @param ratings {@code [users, items]} float, levels {@code 1..LEVELS}, 0 where not rated
     */
    public record Ratings(List<String> users, List<String> items, INDArray ratings) {
        public Ratings {
            if (users == null || items == null || ratings == null) {
                throw new IllegalArgumentException("users, items and ratings must not be null");
            }
            if (ratings.rank() != 2 || ratings.size(0) != users.size() || ratings.size(1) != items.size()) {
                throw new IllegalArgumentException("ratings must have shape [" + users.size() + ", " + items.size()
                        + "] (users x items), got " + java.util.Arrays.toString(ratings.shape()));
            }
            users = List.copyOf(users);
            items = List.copyOf(items);
        }

        /** Non-zero entries: how many ratings the matrix holds. */
        public int count() {
            return ratings.neq(0).castTo(DataType.INT32).sumNumber().intValue();
        }

        /** The row of user {@code id}. */
        public int userIndex(String id) {
            int i = users.indexOf(id);
            if (i < 0) {
                throw new IllegalArgumentException("no user '" + id + "'; users are " + users.get(0) + " .. "
                        + users.get(users.size() - 1) + " (" + users.size() + ")");
            }
            return i;
        }

        /**
         * Splits each user's ratings at random into known and held-out ones: {@code round(fraction * k)}
         * of a user's {@code k} ratings are held out, but never all of them (a user keeps at least one
         * known rating to predict from).
         *
         * @return {@code [known, heldOut]}, matrices of the same shape whose sum is this one
         * @throws IllegalArgumentException unless {@code 0 < fraction < 1}
         */
        public Ratings[] holdOut(double fraction, long seed) {
            if (!(fraction > 0 && fraction < 1)) {
                throw new IllegalArgumentException("fraction must be in (0, 1), got " + fraction);
            }
            float[][] known = ratings.castTo(DataType.FLOAT).toFloatMatrix();
            float[][] held = new float[known.length][items.size()];
            Random random = new Random(seed);
            for (int u = 0; u < known.length; u++) {
                List<Integer> rated = new ArrayList<>();
                for (int i = 0; i < known[u].length; i++) {
                    if (known[u][i] != 0) {
                        rated.add(i);
                    }
                }
                Collections.shuffle(rated, random);
                int n = (int) Math.min(Math.round(fraction * rated.size()), rated.size() - 1L);
                for (int i : rated.subList(0, Math.max(n, 0))) {
                    held[u][i] = known[u][i];
                    known[u][i] = 0;
                }
            }
            return new Ratings[] {new Ratings(users, items, Nd4j.createFromArray(known)),
                    new Ratings(users, items, Nd4j.createFromArray(held))};
        }
    }

    /**
     * The bundled ratings: {@code [138, 130]}, 1161 ratings.
     *
     * @throws IllegalStateException if the bundled file is missing from the jar
     */
    public static Ratings load() {
        return parse(CsvTable.resource(RESOURCE));
    }

    /**
     * Reads a copy of {@code rating_final.csv}: a CSV file with columns {@code userID}, {@code placeID}
     * and {@code rating} (in any order, others ignored), ratings 0, 1 or 2.
     *
     * @throws IllegalArgumentException if the file is missing, lacks a column (the message lists the
     *                                  columns it has), has an empty ID, a rating other than 0, 1, 2, or the
     *                                  same user and place twice; the message names the row
     */
    public static Ratings load(Path file) {
        return parse(CsvTable.read(file));
    }

    private static Ratings parse(CsvTable table) {
        int userColumn = table.column("userID", "user");
        int placeColumn = table.column("placeID", "place");
        int ratingColumn = table.column("rating", "rating");
        if (table.numRows() == 0) {
            throw new IllegalArgumentException(table.source() + " has a header but no ratings");
        }
        // users sort by ID, places by number when every ID is one ("132825" before "1350xx"), else as text
        Map<String, Map<String, Integer>> byUser = new HashMap<>();
        Map<String, Integer> firstRow = new HashMap<>();
        TreeSet<String> users = new TreeSet<>();
        java.util.Set<String> placeSet = new java.util.HashSet<>();
        for (int r = 0; r < table.numRows(); r++) {
            String user = id(table, r, userColumn);
            String place = id(table, r, placeColumn);
            String text = table.cell(r, ratingColumn);
            if (!text.equals("0") && !text.equals("1") && !text.equals("2")) {
                throw table.cellError(r, ratingColumn, "the rating must be 0, 1 or 2, got '" + text + "'");
            }
            Integer previous = firstRow.putIfAbsent(user + "\u0000" + place, table.rowNumber(r));
            if (previous != null) {
                throw table.cellError(r, placeColumn, "user " + user + " rated place " + place + " twice (rows "
                        + previous + " and " + table.rowNumber(r) + "); each pair must appear once");
            }
            byUser.computeIfAbsent(user, k -> new HashMap<>()).put(place, Integer.parseInt(text) + 1);
            users.add(user);
            placeSet.add(place);
        }
        List<String> places = new ArrayList<>(placeSet);
        boolean numeric = places.stream().allMatch(p -> p.matches("\\d{1,18}"));
        places.sort(numeric ? (a, b) -> Long.compare(Long.parseLong(a), Long.parseLong(b)) : String::compareTo);
        Map<String, Integer> column = new TreeMap<>();
        for (int i = 0; i < places.size(); i++) {
            column.put(places.get(i), i);
        }
        List<String> userList = new ArrayList<>(users);
        float[][] m = new float[userList.size()][places.size()];
        for (int u = 0; u < userList.size(); u++) {
            for (Map.Entry<String, Integer> e : byUser.get(userList.get(u)).entrySet()) {
                m[u][column.get(e.getKey())] = e.getValue();
            }
        }
        return new Ratings(userList, places, Nd4j.createFromArray(m));
    }

    private static String id(CsvTable table, int row, int column) {
        String id = table.cell(row, column);
        if (id.isEmpty()) {
            throw table.cellError(row, column, "the ID is empty");
        }
        return id;
    }
}
