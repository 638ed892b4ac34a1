/**
 * Training tools beyond the callbacks: {@link org.keras4j.training.TrainingCheckpoint} (one-file,
 * atomic, resumable checkpoints), {@link org.keras4j.training.TrainingCurves} (History and run
 * comparisons as PNG, via XChart), {@link org.keras4j.training.ModelSelection} (train several
 * configurations on one split, keep the lowest validation loss) and
 * {@link org.keras4j.training.Histories}.
 */
package org.keras4j.training;
